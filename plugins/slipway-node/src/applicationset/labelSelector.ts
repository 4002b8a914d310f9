/**
 * Kubernetes label selectors (matchLabels and matchExpressions with In,
 * NotIn, Exists, DoesNotExist), used by the clusters generator and by
 * post selectors on generated parameters.
 */

/** A Kubernetes LabelSelector. @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** True when the selector has no requirement at all. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 &&
      (selector.matchExpressions ?? []).length === 0)
  );
}

/** Checks a selector's shape; returns a message describing the first problem, or undefined. */
export function selectorProblem(selector: unknown): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  if (typeof selector !== 'object' || Array.isArray(selector))
    return 'selector must be an object with matchLabels and/or matchExpressions';
  const s = selector as Record<string, unknown>;
  if (s.matchLabels !== undefined) {
    if (
      typeof s.matchLabels !== 'object' ||
      s.matchLabels === null ||
      Array.isArray(s.matchLabels)
    )
      return 'selector.matchLabels must be a map of strings';
    for (const [k, v] of Object.entries(s.matchLabels)) {
      if (typeof v !== 'string')
        return `selector.matchLabels["${k}"] must be a string (quote it)`;
    }
  }
  if (s.matchExpressions !== undefined) {
    if (!Array.isArray(s.matchExpressions))
      return 'selector.matchExpressions must be a list';
    for (const [i, e] of (s.matchExpressions as unknown[]).entries()) {
      const x = e as Record<string, unknown>;
      if (!x || typeof x.key !== 'string')
        return `selector.matchExpressions[${i}].key must be a string`;
      if (
        !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(x.operator))
      ) {
        return `selector.matchExpressions[${i}].operator "${String(
          x.operator,
        )}" is not one of In, NotIn, Exists, DoesNotExist`;
      }
      const needsValues = x.operator === 'In' || x.operator === 'NotIn';
      const values = x.values;
      if (needsValues && (!Array.isArray(values) || values.length === 0)) {
        return `selector.matchExpressions[${i}] with operator ${x.operator} needs a non-empty values list`;
      }
      if (!needsValues && Array.isArray(values) && values.length > 0) {
        return `selector.matchExpressions[${i}] with operator ${x.operator} must not have values`;
      }
      if (Array.isArray(values) && values.some(v => typeof v !== 'string'))
        return `selector.matchExpressions[${i}].values must be strings (quote them)`;
    }
  }
  return undefined;
}

/** Whether a label set matches a (valid) selector; an empty selector matches everything. */
export function matchesSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
