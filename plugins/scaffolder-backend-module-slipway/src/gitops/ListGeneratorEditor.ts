import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isSeq, parseAllDocuments, YAMLMap, YAMLSeq } from 'yaml';

/** Where a new environment goes: a list generator of one ApplicationSet. */
export interface ListElementTarget {
  /** Name of the ApplicationSet (metadata.name) in the file. */
  applicationSet: string;
  /** The key that names an element, e.g. `env` or `cluster`. */
  nameKey: string;
}

/** Thrown when the file cannot take the new element; the file is unchanged. */
export class ListGeneratorEditError extends Error {
  name = 'ListGeneratorEditError';
}

function findListElements(doc: Document, target: ListElementTarget) {
  const generators = doc.getIn(['spec', 'generators']);
  if (!isSeq(generators)) {
    throw new ListGeneratorEditError(
      `ApplicationSet '${target.applicationSet}' has no spec.generators list`,
    );
  }
  for (const generator of generators.items) {
    if (!isMap(generator)) continue;
    const direct = generator.getIn(['list', 'elements']);
    if (isSeq(direct)) return direct;
    // a list generator nested in a matrix or merge generator
    for (const kind of ['matrix', 'merge']) {
      const nested = generator.getIn([kind, 'generators']);
      if (!isSeq(nested)) continue;
      for (const inner of nested.items) {
        const elements = isMap(inner) ? inner.getIn(['list', 'elements']) : undefined;
        if (isSeq(elements)) return elements;
      }
    }
  }
  throw new ListGeneratorEditError(
    `ApplicationSet '${target.applicationSet}' has no list generator with 'elements'; ` +
      'add the environment the way its generator expects (a folder for git generators)',
  );
}

/**
 * The file with the element written as text after the last item of a block
 * sequence, in that item's indentation; undefined when the sequence is empty
 * or a flow sequence. Splicing text, unlike printing the edited document,
 * leaves every other byte as it was: the yaml printer would re-indent the
 * file and re-space flow collections (`["a"]` becomes `[ "a" ]`).
 */
function spliceAfterLastItem(text: string, elements: YAMLSeq, element: Record<string, unknown>): string | undefined {
  const last = elements.items[elements.items.length - 1];
  if (elements.flow || !isMap(last) || !last.range) return undefined;
  const [start, valueEnd] = last.range;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const keyColumn = start - lineStart;
  const dashColumn = text.slice(lineStart, start).indexOf('-');
  if (dashColumn < 0 || text.slice(lineStart, start).trim() !== '-') return undefined;
  const lines = new Document(element).toString({ indent: Math.max(keyColumn - dashColumn, 2) }).trimEnd().split('\n');
  const block = lines
    .map((line, i) => (i === 0 ? `${' '.repeat(dashColumn)}-${' '.repeat(keyColumn - dashColumn - 1)}` : ' '.repeat(keyColumn)) + line)
    .join('\n');
  const lineEnd = text.indexOf('\n', valueEnd - 1);
  if (lineEnd < 0) return `${text}\n${block}\n`;
  return `${text.slice(0, lineEnd + 1)}${block}\n${text.slice(lineEnd + 1)}`;
}

/** The parsed content of every document of a YAML text; undefined when it does not parse. */
function contentOf(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text);
  if (docs.some(d => d.errors.length > 0)) return undefined;
  return docs.map(d => d.toJS({ maxAliasCount: 100 }));
}

/**
 * Adds an element to the list generator of an ApplicationSet in a YAML file,
 * keeping comments, key order and formatting of everything else. Refuses an
 * element whose name already exists.
 */
export function addListElement(
  yamlText: string,
  target: ListElementTarget,
  element: Record<string, unknown>,
): string {
  const name = element[target.nameKey];
  if (typeof name !== 'string' || name === '') {
    throw new ListGeneratorEditError(
      `the new element needs a non-empty '${target.nameKey}'`,
    );
  }
  const docs = parseAllDocuments(yamlText);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new ListGeneratorEditError(
        `the file is not valid YAML: ${doc.errors[0].message}`,
      );
    }
  }
  const doc = docs.find(
    d =>
      d.get('kind') === 'ApplicationSet' &&
      d.getIn(['metadata', 'name']) === target.applicationSet,
  );
  if (!doc) {
    throw new ListGeneratorEditError(
      `no ApplicationSet named '${target.applicationSet}' in the file`,
    );
  }
  const elements = findListElements(doc as Document, target);
  const exists = elements.items.some(
    item => isMap(item) && (item as YAMLMap).get(target.nameKey) === name,
  );
  if (exists) {
    throw new ListGeneratorEditError(
      `ApplicationSet '${target.applicationSet}' already has an element with ${target.nameKey} '${name}'; choose another name`,
    );
  }
  const spliced = spliceAfterLastItem(yamlText, elements, element);
  elements.add(doc.createNode(element));
  const printed = docs.map(d => d.toString()).join('');
  // The splice is used only when it means exactly what the edited document means.
  if (spliced !== undefined && isDeepStrictEqual(contentOf(spliced), contentOf(printed))) return spliced;
  return printed;
}
