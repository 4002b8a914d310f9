import { InputError } from '@backstage/errors';
import type { ApplicationSet } from '@slipway/plugin-slipway-node';
import { parseAllDocuments } from 'yaml';

/** The ApplicationSet found in a file, as a plain object. */
export interface ApplicationSetInFile {
  name: string;
  set: ApplicationSet;
}

/**
 * Finds an ApplicationSet in a YAML file (which may hold several
 * documents): the one named `name`, or the only one when no name is given.
 * `where` names the file in error messages.
 */
export function readApplicationSet(
  yamlText: string,
  where: string,
  name?: string,
): ApplicationSetInFile {
  const docs = parseAllDocuments(yamlText);
  const sets: ApplicationSet[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new InputError(`${where} is not valid YAML: ${doc.errors[0].message}`);
    }
    const value = doc.toJS({ maxAliasCount: 100 }) /* bounds alias expansion (billion laughs) */ as Record<string, any> | null;
    if (value?.kind === 'ApplicationSet' && typeof value?.metadata?.name === 'string') {
      sets.push(value as ApplicationSet);
    }
  }
  const found = name
    ? sets.filter(s => s.metadata.name === name)
    : sets;
  if (found.length === 1) {
    return { name: found[0].metadata.name as string, set: found[0] };
  }
  const names = sets.map(s => s.metadata.name).join(', ') || 'none';
  if (found.length === 0) {
    throw new InputError(
      name
        ? `${where} has no ApplicationSet named '${name}' (it has: ${names})`
        : `${where} holds no ApplicationSet; point at the file that defines it`,
    );
  }
  throw new InputError(
    `${where} holds several ApplicationSets (${names}); say which one with 'applicationSetName'`,
  );
}

/** A step into a generator: `spec.generators[i]`, then `matrix`/`merge` `.generators[j]`. */
export type GeneratorPath = number[];

/** The generator an environment is added to, and how. */
export type EnvironmentGenerator =
  | { kind: 'list'; path: GeneratorPath; elements: Array<Record<string, unknown>> }
  | { kind: 'git-directories'; path: GeneratorPath; git: Record<string, any> }
  | { kind: 'git-files'; path: GeneratorPath; git: Record<string, any> };

/** The generator object at a path of the ApplicationSet. */
export function generatorAt(set: ApplicationSet, path: GeneratorPath): Record<string, any> {
  let generators: any[] = set.spec.generators;
  let current: Record<string, any> = {};
  for (const [depth, index] of path.entries()) {
    current = generators[index];
    if (depth < path.length - 1) {
      generators = (current.matrix ?? current.merge).generators;
    }
  }
  return current;
}

function classify(generator: Record<string, any>, path: GeneratorPath): EnvironmentGenerator | undefined {
  if (Array.isArray(generator?.list?.elements)) {
    return { kind: 'list', path, elements: generator.list.elements };
  }
  const gitGen = generator?.git;
  if (gitGen && Array.isArray(gitGen.directories) && gitGen.directories.length > 0) {
    return { kind: 'git-directories', path, git: gitGen };
  }
  if (gitGen && Array.isArray(gitGen.files) && gitGen.files.length > 0) {
    return { kind: 'git-files', path, git: gitGen };
  }
  return undefined;
}

/**
 * The generator that defines environments: the first list generator (top
 * level, or inside a matrix or merge generator — the same one
 * `addListElement` edits), else the first git directory or files
 * generator. Clusters and other generators cannot be extended by a commit.
 */
export function findEnvironmentGenerator(set: ApplicationSet, where: string): EnvironmentGenerator {
  const candidates: EnvironmentGenerator[] = [];
  set.spec.generators.forEach((generator, i) => {
    const direct = classify(generator, [i]);
    if (direct) candidates.push(direct);
    for (const kind of ['matrix', 'merge']) {
      const nested = (generator as Record<string, any>)?.[kind]?.generators;
      if (!Array.isArray(nested)) continue;
      nested.forEach((inner: Record<string, any>, j: number) => {
        const found = classify(inner, [i, j]);
        if (found) candidates.push(found);
      });
    }
  });
  const list = candidates.find(c => c.kind === 'list');
  const chosen = list ?? candidates[0];
  if (!chosen) {
    throw new InputError(
      `ApplicationSet '${set.metadata.name}' in ${where} has no list or git generator; ` +
        'environments of a clusters or other generator come from configuration, not from a commit',
    );
  }
  return chosen;
}
