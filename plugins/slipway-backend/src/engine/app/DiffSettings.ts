import type { Config } from '@backstage/config';
import type { IgnoreDifferencesRule, IgnoreResourceStatusField, JqEngine } from '@slipway/plugin-slipway-node';
import { jqFor } from './compareApplication';

/**
 * System-level diffing, for every Application: Argo CD's
 * `resource.customizations.ignoreDifferences.<group_kind>` (and `.all`) and
 * `resource.compareoptions` (`ignoreResourceStatusField`,
 * `ignoreAggregatedRoles`), configured under `slipway.diff`.
 */
export interface DiffSettings {
  /** Rules applied before each Application's own `spec.ignoreDifferences`. */
  ignoreDifferences: IgnoreDifferencesRule[];
  /** Whose `status` is ignored: every resource (default), CRDs only, or none. */
  ignoreResourceStatusField: IgnoreResourceStatusField;
  /** Ignore the `rules` of ClusterRoles/Roles that aggregate others. */
  ignoreAggregatedRoles: boolean;
}

/** Argo CD's defaults (3.x): every status ignored, aggregated roles compared. */
export const DEFAULT_DIFF_SETTINGS: DiffSettings = {
  ignoreDifferences: [],
  ignoreResourceStatusField: 'all',
  ignoreAggregatedRoles: false,
};

const STATUS_FIELD: Record<string, IgnoreResourceStatusField> = { all: 'all', crd: 'crd', off: 'off', none: 'off' };

/** Reads `slipway.diff`; throws naming the key when a value is invalid. */
export function readDiffSettings(config: Config): DiffSettings {
  const diff = config.getOptionalConfig('slipway.diff');
  if (!diff) return DEFAULT_DIFF_SETTINGS;
  const status = diff.getOptionalString('ignoreResourceStatusField');
  if (status !== undefined && !STATUS_FIELD[status]) {
    throw new Error(
      `slipway.diff.ignoreResourceStatusField must be one of all, crd, none (or off), got "${status}"`,
    );
  }
  const rules = (diff.getOptionalConfigArray('ignoreDifferences') ?? []).map((rule, i) => {
    const where = `slipway.diff.ignoreDifferences[${i}]`;
    const out: IgnoreDifferencesRule = {
      // without group and kind a rule concerns every resource, as Argo CD's ignoreDifferences.all
      group: rule.getOptionalString('group') ?? (rule.has('kind') ? '' : '*'),
      kind: rule.getOptionalString('kind') ?? '*',
    };
    const name = rule.getOptionalString('name');
    const namespace = rule.getOptionalString('namespace');
    if (name) out.name = name;
    if (namespace) out.namespace = namespace;
    for (const field of ['jsonPointers', 'jqPathExpressions', 'managedFieldsManagers'] as const) {
      const values = rule.getOptionalStringArray(field);
      if (values?.length) out[field] = values;
    }
    if (!out.jsonPointers && !out.jqPathExpressions && !out.managedFieldsManagers) {
      throw new Error(`${where} ignores nothing; give jsonPointers, jqPathExpressions or managedFieldsManagers`);
    }
    const bad = (out.jsonPointers ?? []).find(p => !p.startsWith('/'));
    if (bad !== undefined) {
      throw new Error(`${where}.jsonPointers: "${bad}" must start with "/" (for example /spec/replicas)`);
    }
    return out;
  });
  return {
    ignoreDifferences: rules,
    ignoreResourceStatusField: status ? STATUS_FIELD[status] : DEFAULT_DIFF_SETTINGS.ignoreResourceStatusField,
    ignoreAggregatedRoles: diff.getOptionalBoolean('ignoreAggregatedRoles') ?? false,
  };
}

/** The rules a comparison of this Application uses: the system-level ones, then its own. */
export function ignoreRulesOf(
  spec: { ignoreDifferences?: IgnoreDifferencesRule[] },
  settings: DiffSettings,
): IgnoreDifferencesRule[] | undefined {
  if (settings.ignoreDifferences.length === 0) return spec.ignoreDifferences;
  return [...settings.ignoreDifferences, ...(spec.ignoreDifferences ?? [])];
}

/** The diff options of a comparison of this Application under these settings (jq loaded when a rule needs it). */
export async function diffInputOf(
  spec: { ignoreDifferences?: IgnoreDifferencesRule[] },
  settings: DiffSettings = DEFAULT_DIFF_SETTINGS,
  jq?: JqEngine,
) {
  const ignoreDifferences = ignoreRulesOf(spec, settings);
  return {
    ignoreDifferences,
    ignoreResourceStatusField: settings.ignoreResourceStatusField,
    ignoreAggregatedRoles: settings.ignoreAggregatedRoles,
    jq: await jqFor(ignoreDifferences, jq),
  };
}
