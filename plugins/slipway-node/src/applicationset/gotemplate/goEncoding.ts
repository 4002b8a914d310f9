/**
 * Go's JSON and YAML output as Argo CD's toJson and toYaml write them
 * (encoding/json; sigs.k8s.io/yaml over go-yaml v2).
 */
import YAML from 'yaml';
import { GoValue, normalizeForJson } from './values';

/** Go's encoding/json output: sorted keys, HTML-safe escapes. */
export function toJson(v: GoValue, indent?: number): string {
  return JSON.stringify(normalizeForJson(v), null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

const YAML11_NON_STRINGS = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off'],
  ...['OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '<<'],
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'],
  ...['-.inf', '-.Inf', '-.INF'],
]);

/**
 * Whether go-yaml v2 would read the plain scalar `text` as something other
 * than a string (YAML 1.1: yes/no/on/off, null, numbers with Go's base
 * prefixes and underscores, timestamps, base-60 numbers), so that it
 * writes `text` double-quoted.
 */
export function goYamlNeedsQuotes(text: string): boolean {
  if (YAML11_NON_STRINGS.has(text)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text))
    return true;
  const c = text[0];
  if (c === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text);
  if (!/[-+0-9]/.test(c)) return false;
  if (
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/.test(
      text,
    )
  )
    return true;
  const plain = text.replace(/_/g, '');
  return (
    /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(
      plain,
    ) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain)
  );
}

/**
 * Argo CD's toYaml (sigs.k8s.io/yaml over go-yaml v2): sorted keys, block
 * style with list items at the indentation of their key, multi-line
 * strings as literal blocks, strings that would read as another type
 * double-quoted, other strings that cannot be plain single-quoted; no
 * trailing newline.
 */
export function toYaml(v: GoValue): string {
  const doc = new YAML.Document(normalizeForJson(v), { sortMapEntries: true });
  YAML.visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n'))
        node.type = key === 'key' ? 'QUOTE_DOUBLE' : 'BLOCK_LITERAL';
      else if (goYamlNeedsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ indentSeq: false, lineWidth: 0, singleQuote: true })
    .replace(/\n$/, '');
}
