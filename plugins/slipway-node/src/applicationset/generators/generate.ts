/**
 * Dispatches a generator entry to its generator, enforces the nesting
 * limit of matrix/merge, and applies the entry's post `selector` to the
 * generated parameter sets (matched against their flattened form), at the
 * top level and in matrix/merge children alike.
 */
import {
  LabelSelector,
  matchesSelector,
  selectorProblem,
} from '../labelSelector';
import { flattenParams } from '../params';
import type { Params } from '../types';
import { clusterParams } from './clusters';
import { matrixParams, mergeParams } from './combine';
import { GeneratorContext, GeneratorError } from './context';
import { gitParams } from './git';
import { listParams } from './list';
import { pluginParams } from './plugin';
import { clusterDecisionParams } from './clusterDecisionResource';

export const SUPPORTED_GENERATORS = [
  'list',
  'clusters',
  'git',
  'plugin',
  'clusterDecisionResource',
  'matrix',
  'merge',
] as const;
const KNOWN_UNSUPPORTED = [
  'scmProvider',
  'pullRequest',
  'configMap',
  'oci',
  'clusterProfile',
];

/** The generator kinds set in one entry (everything but `selector` and `template`). */
export function generatorKinds(entry: Record<string, unknown>): string[] {
  return Object.keys(entry).filter(
    k =>
      k !== 'selector' &&
      k !== 'template' &&
      entry[k] !== undefined &&
      entry[k] !== null,
  );
}

/** Checks that a kind is supported, throwing a GeneratorError that says what to use instead. */
export function assertSupported(kind: string, path: string) {
  if ((SUPPORTED_GENERATORS as readonly string[]).includes(kind)) return;
  const known = KNOWN_UNSUPPORTED.includes(kind)
    ? `the ${kind} generator is not supported`
    : `"${kind}" is not a generator`;
  throw new GeneratorError(
    path,
    `${known}; use one of ${SUPPORTED_GENERATORS.join(', ')}`,
  );
}

/** Parameter sets of one generator kind of an entry, before the post selector. */
export async function generateKind(
  kind: string,
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
  depth: number,
): Promise<Params[]> {
  assertSupported(kind, path);
  const child = (
    entry: Record<string, unknown>,
    childPath: string,
    childDepth: number,
  ) => generateNested(entry, childPath, childDepth, ctx);
  switch (kind) {
    case 'list':
      return listParams(spec, ctx, path);
    case 'clusters':
      return clusterParams(spec, ctx, path);
    case 'git':
      return gitParams(spec, ctx, path);
    case 'plugin':
      return pluginParams(spec, ctx, path);
    case 'clusterDecisionResource':
      return clusterDecisionParams(spec, ctx, path);
    case 'matrix':
    case 'merge':
      if (depth > 2) {
        throw new GeneratorError(
          path,
          `a ${kind} generator may not be nested this deep: matrix and merge nest only one level (a matrix/merge inside a matrix/merge may hold only list, clusters, git and plugin generators); flatten this generator`,
        );
      }
      return kind === 'matrix'
        ? matrixParams(spec, ctx, path, depth, child)
        : mergeParams(spec, ctx, path, depth, child);
    default:
      throw new GeneratorError(path, `unknown generator ${kind}`);
  }
}

/** Filters parameter sets with a post selector (Generators-Post-Selector). */
export function applyPostSelector(
  params: Params[],
  selector: unknown,
  path: string,
): Params[] {
  if (selector === undefined || selector === null) return params;
  const problem = selectorProblem(selector);
  if (problem) throw new GeneratorError(path, problem);
  return params.filter(p =>
    matchesSelector(selector as LabelSelector, flattenParams(p)),
  );
}

/**
 * A child of a matrix/merge: exactly one generator kind, filtered by its own
 * post selector; a template inside it is ignored, as in Argo CD.
 */
async function generateNested(
  entry: Record<string, unknown>,
  path: string,
  depth: number,
  ctx: GeneratorContext,
): Promise<Params[]> {
  const kinds = generatorKinds(entry);
  if (kinds.length !== 1) {
    throw new GeneratorError(
      path,
      kinds.length === 0
        ? `child generator is empty; give it one of ${SUPPORTED_GENERATORS.join(', ')}`
        : `child generator sets ${kinds.join(
            ' and ',
          )}; put each generator in its own list entry`,
    );
  }
  const kindPath = `${path}.${kinds[0]}`;
  const params = await generateKind(
    kinds[0],
    entry[kinds[0]],
    ctx,
    kindPath,
    depth,
  );
  return applyPostSelector(params, entry.selector, `${path}.selector`);
}
