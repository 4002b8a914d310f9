import { errors } from './Status';
import { KubeObject } from '../store/KubeObject';

type Requirement =
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string }
  | { op: '=' | '!='; key: string; values: string[] };

export type LabelSelector = Requirement[];

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map(t => t.trim()).filter(t => t.length > 0);
}

function checkKey(key: string, selector: string) {
  if (!KEY.test(key)) {
    throw errors.badRequest(
      `unable to parse requirement: invalid label key "${key}" in selector "${selector}"`,
    );
  }
}

/** Parses an equality- or set-based label selector (`a=b,c in (x,y),!d`). */
export function parseLabelSelector(
  selector: string | undefined,
): LabelSelector {
  if (!selector) return [];
  const reqs: Requirement[] = [];
  for (const term of splitTerms(selector)) {
    let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) {
      checkKey(m[1], selector);
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      reqs.push({ op: m[2] as 'in' | 'notin', key: m[1], values });
      continue;
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      checkKey(m[1], selector);
      reqs.push({ op: m[2] === '!=' ? '!=' : '=', key: m[1], values: [m[3]] });
      continue;
    }
    m = /^(!?)\s*([^=!\s()]+)$/.exec(term);
    if (m) {
      checkKey(m[2], selector);
      reqs.push({ op: m[1] ? '!exists' : 'exists', key: m[2] });
      continue;
    }
    throw errors.badRequest(
      `unable to parse requirement: "${term}" in selector "${selector}"`,
    );
  }
  return reqs;
}

export function matchesLabels(
  sel: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of sel) {
    const has =
      labels !== undefined &&
      Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      default:
    }
  }
  return true;
}

/** A `metav1.LabelSelector` object (matchLabels + matchExpressions) as requirements. */
export function fromLabelSelectorObject(sel: any): LabelSelector | undefined {
  if (!sel || typeof sel !== 'object') return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
    reqs.push({ op: '=', key, values: [String(value)] });
  }
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator);
    if (op === 'In')
      reqs.push({ op: 'in', key: e.key, values: e.values ?? [] });
    else if (op === 'NotIn')
      reqs.push({ op: 'notin', key: e.key, values: e.values ?? [] });
    else if (op === 'Exists') reqs.push({ op: 'exists', key: e.key });
    else if (op === 'DoesNotExist') reqs.push({ op: '!exists', key: e.key });
  }
  return reqs;
}

type FieldReq = { path: string; value: string; negate: boolean };
export type FieldSelector = FieldReq[];

/** Field labels the real API server supports per kind, besides metadata.name/namespace. */
const FIELD_LABELS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
    'spec.hostNetwork',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export function parseFieldSelector(
  selector: string | undefined,
  kind: string,
): FieldSelector {
  if (!selector) return [];
  const out: FieldReq[] = [];
  for (const term of splitTerms(selector)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m)
      throw errors.badRequest(
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    const path = m[1].trim();
    if (
      path !== 'metadata.name' &&
      path !== 'metadata.namespace' &&
      !(FIELD_LABELS[kind] ?? []).includes(path)
    ) {
      throw errors.badRequest(
        `"${path}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    out.push({ path, value: m[3].trim(), negate: m[2] === '!=' });
  }
  return out;
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: any = obj;
  for (const p of path.split('.')) cur = cur?.[p];
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(sel: FieldSelector, obj: KubeObject): boolean {
  for (const r of sel) {
    const eq = fieldValue(obj, r.path) === r.value;
    if (eq === r.negate) return false;
  }
  return true;
}
