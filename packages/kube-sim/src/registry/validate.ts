import { errors, StatusCause } from '../api/Status';
import { KubeObject } from '../store/KubeObject';
import { ResourceType } from '../types/ResourceType';
import { fromLabelSelectorObject, matchesLabels } from '../api/Selectors';
import { isObject } from '../util/objects';
import { NODE_PORT_RANGE } from './nodePorts';

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Labels-only names (DNS-1123 labels) for these kinds, subdomains for the rest. */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

function podSpecCauses(spec: any, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!isObject(spec))
    return [{ field, message: 'Required value', reason: 'FieldValueRequired' }];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({
      field: `${field}.containers`,
      message: 'Required value',
      reason: 'FieldValueRequired',
    });
    return causes;
  }
  containers.forEach((c: any, i: number) => {
    if (!c?.name)
      causes.push({
        field: `${field}.containers[${i}].name`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
    if (!c?.image)
      causes.push({
        field: `${field}.containers[${i}].image`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
  });
  return causes;
}

const needsNodePorts = (type: unknown) =>
  type === 'NodePort' || type === 'LoadBalancer';

/**
 * Node ports of a Service, as the API server checks them: forbidden on a
 * ClusterIP Service (validation), outside the node port range refused (the
 * node port allocator).
 */
function serviceCauses(spec: any): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!isObject(spec) || !Array.isArray(spec.ports)) return causes;
  const type = spec.type ?? 'ClusterIP';
  spec.ports.forEach((p: any, i: number) => {
    const nodePort = p?.nodePort;
    if (nodePort === undefined || nodePort === null || nodePort === 0) return;
    const field = `spec.ports[${i}].nodePort`;
    if (type === 'ClusterIP') {
      causes.push({
        field,
        reason: 'FieldValueForbidden',
        message: "Forbidden: may not be used when `type` is 'ClusterIP'",
      });
    } else if (
      needsNodePorts(type) &&
      (typeof nodePort !== 'number' ||
        nodePort < NODE_PORT_RANGE.min ||
        nodePort > NODE_PORT_RANGE.max)
    ) {
      causes.push({
        field,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(
          nodePort,
        )}: provided port is not in the valid range. The range of valid ports is ${
          NODE_PORT_RANGE.min
        }-${NODE_PORT_RANGE.max}`,
      });
    }
  });
  return causes;
}

/**
 * On update, what the API server clears when a Service changes to a type
 * that does not use them (and the update left them as they were): node
 * ports and `externalTrafficPolicy` when it stops being NodePort or
 * LoadBalancer, `allocateLoadBalancerNodePorts` when it stops being a
 * LoadBalancer. So `type: NodePort` → `ClusterIP` needs no hand-removal of
 * the allocated node ports.
 */
export function dropServiceTypeDependentFields(
  oldObj: KubeObject,
  next: KubeObject,
): void {
  const before = oldObj.spec as any;
  if (!isObject(before) || !isObject(next.spec)) return;
  const after: any = { ...next.spec };
  next.spec = after;
  const beforeNeeds = needsNodePorts(before.type);
  const afterNeeds = needsNodePorts(after.type ?? 'ClusterIP');
  if (beforeNeeds && !afterNeeds) {
    const oldPorts: any[] = Array.isArray(before.ports) ? before.ports : [];
    const newPorts: any[] = Array.isArray(after.ports) ? after.ports : [];
    const same = newPorts.every(
      (p, i) =>
        !isObject(p) ||
        (p as any).nodePort === undefined ||
        (p as any).nodePort === oldPorts[i]?.nodePort,
    );
    if (same) {
      after.ports = newPorts.map(p => {
        if (!isObject(p)) return p;
        const { nodePort: _dropped, ...rest } = p as any;
        return rest;
      });
    }
    if (after.externalTrafficPolicy === before.externalTrafficPolicy)
      delete after.externalTrafficPolicy;
  }
  if (
    before.type === 'LoadBalancer' &&
    (after.type ?? 'ClusterIP') !== 'LoadBalancer' &&
    after.allocateLoadBalancerNodePorts === before.allocateLoadBalancerNodePorts
  )
    delete after.allocateLoadBalancerNodePorts;
}

/** The validation the engine can trip over; not the full API validation. */
/** kube-aggregator's checks of an APIService. */
function apiServiceCauses(obj: KubeObject): StatusCause[] {
  const spec = obj.spec ?? {};
  const causes: StatusCause[] = [];
  const group = String(spec.group ?? '');
  if (!spec.version) {
    causes.push({
      field: 'spec.version',
      reason: 'FieldValueRequired',
      message: 'Required value',
    });
  }
  const required = `${spec.version ?? ''}.${group}`;
  if (obj.metadata.name !== required) {
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${obj.metadata.name}": must be \`spec.version+"."+spec.group\`: "${required}"`,
    });
  }
  const priorities: Array<[string, number]> = [
    ['groupPriorityMinimum', 20000],
    ['versionPriority', 1000],
  ];
  for (const [field, max] of priorities) {
    const value = spec[field];
    if (!(typeof value === 'number' && value > 0 && value <= max)) {
      causes.push({
        field: `spec.${field}`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(
          value ?? 0,
        )}: must be positive and less than ${max}`,
      });
    }
  }
  return causes;
}

export function validate(t: ResourceType, obj: KubeObject): void {
  const name = obj.metadata.name ?? '';
  const causes: StatusCause[] = [];
  const nameRe =
    LABEL_NAMED.has(t.kind) && !t.custom ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (!nameRe.test(name) || name.length > 253) {
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 ${
        nameRe === DNS1123_LABEL ? 'label' : 'subdomain'
      } must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    });
  }
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63) {
      causes.push({
        field: `metadata.labels`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${v}": label value of "${k}" must be 63 characters or less, alphanumeric, '-', '_' or '.'`,
      });
    }
  }
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    if (typeof v !== 'string')
      causes.push({
        field: `metadata.annotations.${k}`,
        reason: 'FieldValueInvalid',
        message: 'must be a string',
      });
  }
  if (!t.custom) {
    const workload =
      ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(
        t.kind,
      ) && t.group === 'apps';
    if (workload) {
      const sel = fromLabelSelectorObject(obj.spec?.selector);
      if (!sel || sel.length === 0) {
        causes.push({
          field: 'spec.selector',
          reason: 'FieldValueRequired',
          message: 'Required value',
        });
      } else if (!matchesLabels(sel, obj.spec?.template?.metadata?.labels)) {
        causes.push({
          field: 'spec.template.metadata.labels',
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(
            obj.spec?.template?.metadata?.labels ?? {},
          )}: \`selector\` does not match template \`labels\``,
        });
      }
      causes.push(
        ...podSpecCauses(obj.spec?.template?.spec, 'spec.template.spec'),
      );
    }
    if (t.kind === 'Pod' && t.group === '')
      causes.push(...podSpecCauses(obj.spec, 'spec'));
    if (t.kind === 'Service' && t.group === '')
      causes.push(...serviceCauses(obj.spec));
    if (t.kind === 'Job' && t.group === 'batch') {
      causes.push(
        ...podSpecCauses(obj.spec?.template?.spec, 'spec.template.spec'),
      );
      const rp = obj.spec?.template?.spec?.restartPolicy;
      if (rp && rp !== 'Never' && rp !== 'OnFailure') {
        causes.push({
          field: 'spec.template.spec.restartPolicy',
          reason: 'FieldValueNotSupported',
          message: `Unsupported value: "${rp}": supported values: "OnFailure", "Never"`,
        });
      }
    }
    if (t.kind === 'APIService' && t.group === 'apiregistration.k8s.io') {
      causes.push(...apiServiceCauses(obj));
    }
    if (t.kind === 'CronJob' && t.group === 'batch' && !obj.spec?.schedule) {
      causes.push({
        field: 'spec.schedule',
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
    }
    if (t.kind === 'ConfigMap' || t.kind === 'Secret') {
      for (const k of Object.keys(obj.data ?? {})) {
        if (!/^[-._a-zA-Z0-9]+$/.test(k))
          causes.push({
            field: 'data',
            reason: 'FieldValueInvalid',
            message: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
          });
      }
    }
  }
  if (causes.length > 0)
    throw errors.invalid(t.kind, name, causes, t.group || undefined);
}
