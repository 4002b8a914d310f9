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
  type YAMLError,
} from 'yaml';

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;
/** The `yaml` package's error for a quoted scalar cut off at the end of its first line. */
const UNCLOSED_QUOTE = /^Missing closing (['"])quote/;
/** Repairs per text: each one mends one scalar, so this bounds the work on hostile input. */
const MAX_REPAIRS = 200;
/** How far above the line where the package cut a scalar its opening quote is looked for. */
const MAX_SCALAR_LINES = 1000;

const indentOf = (line: string) => line.length - line.trimStart().length;

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

/** Where a token may start: a quote there opens a quoted scalar. */
const startsToken = (line: string, col: number) =>
  col === 0 || /[\s[{,:?&!|>-]/.test(line[col - 1]);

/**
 * The column of the quote that opens a scalar on the line without closing
 * it there: quoted scalars that close on the line are stepped over.
 */
function unclosedQuoteOn(
  lines: string[],
  line: number,
  quote: string,
): number | undefined {
  const text = lines[line];
  for (let col = 0; col < text.length; col++) {
    const c = text[col];
    if ((c !== '"' && c !== "'") || !startsToken(text, col)) continue;
    const end = closingQuote(lines, line, col);
    if (end && end[0] === line) {
      col = end[1];
      continue;
    }
    return c === quote ? col : undefined;
  }
  return undefined;
}

/** A quoted scalar over several lines: where it opens (0-based) and closes. */
interface MultiLineScalar {
  line: number;
  col: number;
  end: [number, number];
}

/**
 * Indents the continuation lines of the scalar one column past the entry
 * that holds it, where they are not already; undefined when there is
 * nothing to indent. The value read does not change: a flow scalar's
 * continuation lines lose their leading white space.
 */
function indentContinuation(
  lines: string[],
  { line, col, end }: MultiLineScalar,
): string[] | undefined {
  const entry = entryColumn(lines[line]);
  const need = col === entry ? col : entry + 1;
  let changed = false;
  const out = [...lines];
  for (let i = line + 1; i <= end[0]; i++) {
    const indent = indentOf(out[i]);
    if (out[i].trim() !== '' && indent < need) {
      out[i] = ' '.repeat(need - indent) + out[i];
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/**
 * The scalar cut off at `line`: it opens on that line itself, or, when its
 * first continuation lines were indented enough, on the nearest line above
 * with an unclosed `quote`; it must close below `line`.
 */
function scalarCutAt(
  lines: string[],
  line: number,
  quote: string,
): MultiLineScalar | undefined {
  for (let i = line; i >= 0 && line - i <= MAX_SCALAR_LINES; i--) {
    const col = unclosedQuoteOn(lines, i, quote);
    if (col === undefined) continue;
    const end = closingQuote(lines, i, col);
    return end && end[0] > line ? { line: i, col, end } : undefined;
  }
  return undefined;
}

/** The first error of a quoted scalar cut off at the end of its first line: the line (0-based) and the quote. */
function firstUnclosedQuote(
  docs: readonly { errors: readonly YAMLError[] }[],
): { line: number; quote: string } | undefined {
  for (const doc of docs) {
    for (const error of doc.errors) {
      const match = UNCLOSED_QUOTE.exec(error.message);
      if (match && error.linePos) {
        return { line: error.linePos[0].line - 1, quote: match[1] };
      }
    }
  }
  return undefined;
}

/**
 * `parseAllDocuments` of the `yaml` package, reading quoted scalars as
 * go-yaml does. Where the package reports a quoted scalar cut off at the end
 * of its line, because its continuation lines are not indented past its
 * entry, those lines are indented and the text read again, one scalar at a
 * time; go-yaml reads such a scalar up to its closing quote. Other errors
 * stay in the documents, as the package reports them. Costs nothing on text
 * without errors.
 * @public
 */
export function parseAllDocumentsLikeGo(
  text: string,
  options?: ParseOptions & DocumentOptions & SchemaOptions,
): ReturnType<typeof parseAllDocuments> {
  let docs = parseAllDocuments(text, options);
  let lines: string[] | undefined;
  for (let repairs = 0; repairs < MAX_REPAIRS; repairs++) {
    const unclosed = firstUnclosedQuote(Array.isArray(docs) ? docs : [docs]);
    if (!unclosed) break;
    lines ??= text.split('\n');
    const scalar = scalarCutAt(lines, unclosed.line, unclosed.quote);
    if (!scalar) break;
    const indented = indentContinuation(lines, scalar);
    if (!indented) break;
    lines = indented;
    docs = parseAllDocuments(lines.join('\n'), options);
  }
  return docs;
}
