/*
 * go-yaml (and libyaml, which it ports) reads a quoted scalar up to its
 * closing quote whatever the indentation of its continuation lines. The
 * YAML 1.2 spec, and so the `yaml` package, wants them indented past the
 * entry that holds the scalar. Older go-yaml emitters (`kubectl get -o yaml`
 * of an object with a long message, as in several of Argo CD's test
 * objects) fold a long quoted value onto lines at the key's own
 * indentation; Argo CD reads such files, and so must Slipway.
 */

import {
  parseAllDocuments,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

/** A line that ends with a block scalar header (`key: |`, `- >-`), quoted parts and comments aside. */
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][+-]?\d*[+-]?\s*$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;
const QUOTED = /'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"/g;

const indentOf = (line: string) => line.length - line.trimStart().length;
const isQuote = (c: string | undefined) => c === '"' || c === "'";

/** The column where the line's entry starts: past the indentation and any `- ` sequence indicators. */
function entryColumn(line: string): number {
  let col = indentOf(line);
  while (
    line[col] === '-' &&
    (line[col + 1] === ' ' || line[col + 1] === undefined)
  ) {
    col += 1;
    while (line[col] === ' ') col += 1;
  }
  return col;
}

/** Where the quoted scalar opened at [line, col] closes, as [line, col]; undefined when it does not. */
function closingQuote(
  lines: string[],
  line: number,
  col: number,
): [number, number] | undefined {
  const quote = lines[line][col];
  let c = col + 1;
  for (let i = line; i < lines.length; i++, c = 0) {
    const text = lines[i];
    // libyaml refuses a document marker inside a scalar: leave the text as it is
    if (i > line && DOCUMENT_MARKER.test(text)) return undefined;
    for (; c < text.length; c++) {
      if (quote === '"' && text[c] === '\\') c++;
      else if (text[c] === quote) {
        if (quote === "'" && text[c + 1] === "'") c++;
        else return [i, c];
      }
    }
  }
  return undefined;
}

/** Skips spaces from `col`; then, when a `:` and a space (or the line's end) follow, past them too. */
function pastValueIndicator(line: string, col: number): number | undefined {
  let c = col;
  while (line[c] === ' ') c++;
  if (line[c] !== ':' || (line[c + 1] !== ' ' && line[c + 1] !== undefined))
    return undefined;
  c++;
  while (line[c] === ' ') c++;
  return c;
}

/**
 * The quoted scalar that the line's entry holds and that does not close on
 * the line: where it opens, and the indentation its continuation lines
 * need (past the entry when it is a mapping value, at least the quote's
 * column when it is the entry itself). Quoted keys on the line are stepped
 * over; a plain key's value starts after `: `.
 */
function openMultiLineScalar(
  lines: string[],
  i: number,
): { col: number; need: number; end: [number, number] } | undefined {
  const line = lines[i];
  const entry = entryColumn(line);
  let col = entry;
  let need = entry;
  if (!isQuote(line[col])) {
    const colon = line.indexOf(': ', col);
    if (colon < 0 || line.slice(col, colon).includes('#')) return undefined;
    col = colon + 2;
    while (line[col] === ' ') col++;
    need = entry + 1;
  }
  while (isQuote(line[col])) {
    const end = closingQuote(lines, i, col);
    if (!end) return undefined;
    if (end[0] > i) return { col, need: Math.max(need, 1), end };
    // closed on this line: a quoted key, whose value may follow
    const value = pastValueIndicator(line, end[1] + 1);
    if (value === undefined) return undefined;
    col = value;
    need = entry + 1;
  }
  return undefined;
}

/**
 * The text with each continuation line of a multi-line quoted scalar in
 * block context indented past the entry that holds it, where it was not
 * already. The value read does not change (a flow scalar's continuation
 * lines lose their leading white space), and the `yaml` package then reads
 * what go-yaml reads. Block scalars, comments, plain scalars and flow
 * collections are left as they are. Pure.
 * @public
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let blockParent: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (blockParent !== undefined) {
      if (line.trim() === '' || indentOf(line) > blockParent) continue;
      blockParent = undefined;
    }
    const open = openMultiLineScalar(lines, i);
    if (open) {
      for (let j = i + 1; j <= open.end[0]; j++) {
        const indent = indentOf(lines[j]);
        if (lines[j].trim() !== '' && indent < open.need) {
          lines[j] = ' '.repeat(open.need - indent) + lines[j];
        }
      }
      i = open.end[0];
      continue;
    }
    const bare = line.replace(QUOTED, '""').replace(/(^|\s)#.*$/, '');
    if (BLOCK_SCALAR_HEADER.test(bare)) blockParent = indentOf(line);
  }
  return lines.join('\n');
}

/**
 * `parseAllDocuments` of the `yaml` package, reading quoted scalars as
 * go-yaml does: when the text has errors and indenting the continuation
 * lines of its quoted scalars (see {@link indentQuotedContinuations}) makes
 * them go away, the documents of the indented text; otherwise those of the
 * text as it is, errors included. Costs nothing on text without errors.
 * @public
 */
export function parseAllDocumentsLikeGo(
  text: string,
  options?: ParseOptions & DocumentOptions & SchemaOptions,
): ReturnType<typeof parseAllDocuments> {
  const docs = parseAllDocuments(text, options);
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.every(doc => doc.errors.length === 0)) return docs;
  const indented = indentQuotedContinuations(text);
  if (indented === text) return docs;
  const retried = parseAllDocuments(indented, options);
  const retriedList = Array.isArray(retried) ? retried : [retried];
  return retriedList.every(doc => doc.errors.length === 0) ? retried : docs;
}
