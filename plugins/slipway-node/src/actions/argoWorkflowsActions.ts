import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at, isNil, record } from '../health/fields';
import { luaItems } from '../health/crd/luaValues';
import { type BuiltinAction, minuteStamp } from './builtinAction';
import type { ResourceActionChange } from './resourceActions';

/*
 * Argo CD's built-in actions of Argo Workflows
 * (resource_customizations/argoproj.io CronWorkflow and WorkflowTemplate):
 * submit a Workflow now, as `argo submit --from=<kind>/<name>` does. The
 * Workflow is created, not patched; it names its source as owner, so that
 * it is shown (and pruned) with it.
 */

/**
 * `os.date("!%Y-%m-%dT%d:%H:%MZ")`, the scheduled time Argo CD writes: the
 * day of the month appears twice and the seconds not at all. Kept as is,
 * since it is what Argo CD users see on their Workflows.
 */
function scheduledTime(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(8, 10)}:${iso.slice(11, 16)}Z`;
}

const isEmptyLuaTable = (value: unknown) =>
  Array.isArray(value)
    ? value.length === 0
    : Object.values(record(value)).every(isNil);

/**
 * A deep copy as Argo CD's script makes it, which leaves out empty maps and
 * lists (Lua cannot tell them apart, and would write every one as a list):
 * undefined for an empty one, and a map or list that had only empty members
 * becomes the empty list Lua writes for it.
 */
function copyWithoutEmpty(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isEmptyLuaTable(value)) return undefined;
  if (Array.isArray(value)) {
    // a left-out item ends the list: Lua's encoder stops at the first gap
    const items = value.map(copyWithoutEmpty);
    const gap = items.indexOf(undefined);
    return gap < 0 ? items : items.slice(0, gap);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const copied = copyWithoutEmpty(member);
    if (copied !== undefined) copy[key] = copied;
  }
  return Object.keys(copy).length > 0 ? copy : [];
}

/** The source as owner of the Workflow; without a uid when the source has none. */
function ownerReference(obj: KubeObject): Record<string, unknown> {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    ...(isNil(obj.metadata.uid) ? {} : { uid: obj.metadata.uid }),
  };
}

/** The Workflow's identity: named after its source and the minute, in the source's namespace. */
function workflowMetadata(obj: KubeObject, now: Date) {
  return {
    name: `${obj.metadata.name}-${minuteStamp(now)}`,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
  };
}

const create = (workflow: Record<string, unknown>): ResourceActionChange[] => [
  { operation: 'create', object: workflow as unknown as KubeObject },
];

/** A copied map of labels or annotations, or an empty one. */
const copiedMap = (value: unknown): Record<string, unknown> => {
  const copy = copyWithoutEmpty(value);
  return copy !== null && typeof copy === 'object' && !Array.isArray(copy)
    ? (copy as Record<string, unknown>)
    : {};
};

/**
 * Submit the CronWorkflow's Workflow now, with its `workflowMetadata` and
 * `workflowSpec`, labelled as the cron controller labels the ones it
 * schedules.
 */
const createFromCronWorkflow: BuiltinAction = {
  name: 'create-workflow',
  run: (obj, now) => {
    const meta = record(at(obj, 'spec', 'workflowMetadata'));
    const instance = record(obj.metadata.labels)[
      'workflows.argoproj.io/controller-instanceid'
    ];
    const spec = copyWithoutEmpty(at(obj, 'spec', 'workflowSpec'));
    return create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        ...workflowMetadata(obj, now),
        labels: {
          ...copiedMap(meta.labels),
          'workflows.argoproj.io/cron-workflow': obj.metadata.name,
          ...(isNil(instance)
            ? {}
            : { 'workflows.argoproj.io/controller-instanceid': instance }),
        },
        annotations: {
          ...copiedMap(meta.annotations),
          'workflows.argoproj.io/scheduled-time': scheduledTime(now),
        },
        ownerReferences: [ownerReference(obj)],
      },
      // Argo CD's script puts the finalizers beside metadata, not in it;
      // sent as Argo CD sends them (a structural schema prunes the field)
      finalizers: luaItems(meta.finalizers),
      ...(spec === undefined ? {} : { spec }),
    });
  },
};

/** Submit a Workflow that runs the template by reference, as `argo submit --from` does. */
const createFromWorkflowTemplate: BuiltinAction = {
  name: 'create-workflow',
  run: (obj, now) =>
    create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        ...workflowMetadata(obj, now),
        labels: {
          'workflows.argoproj.io/workflow-template': obj.metadata.name,
        },
        ownerReferences: [ownerReference(obj)],
      },
      spec: { workflowTemplateRef: { name: obj.metadata.name } },
    }),
};

/** Argo CD's actions of Argo Workflows objects, by `group/kind`. */
export const argoWorkflowsActions: Readonly<Record<string, BuiltinAction[]>> = {
  'argoproj.io/CronWorkflow': [createFromCronWorkflow],
  'argoproj.io/WorkflowTemplate': [createFromWorkflowTemplate],
};
