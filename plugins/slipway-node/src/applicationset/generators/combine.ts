/**
 * The combining generators.
 * - matrix: exactly two children; every combination of their parameter
 *   sets. The second child is rendered with each parameter set of the first
 *   (so it may use them). goTemplate: deep merge, the first child's values
 *   win; default syntax: the same key with different values is an error.
 * - merge: two or more children; the first child's sets are the base, and
 *   sets of later children with equal `mergeKeys` values override them
 *   (later children win); sets without a match in the base are dropped.
 *   Each merge key is one literal parameter name (with goTemplate, nested
 *   keys such as `values.x` match nothing, as in Argo CD).
 * Combining generators nest one level: a matrix/merge child may itself be a
 * matrix/merge, whose children may not. Post selectors of children apply at
 * every level, as in Argo CD 3 (where spec.applyNestedSelectors is ignored).
 */
import { renderDeep, RenderError } from '../render';
import { combineFlat, mergeOverride } from '../params';
import type { Params } from '../types';
import {
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

/** Generates the parameter sets of one nested generator entry. */
export type ChildGenerate = (
  entry: Record<string, unknown>,
  path: string,
  depth: number,
) => Promise<Params[]>;

function children(
  spec: unknown,
  kind: 'matrix' | 'merge',
  path: string,
): Record<string, unknown>[] {
  if (!isObject(spec) || !Array.isArray(spec.generators))
    throw new GeneratorError(
      path,
      `${kind} generator needs a "generators" list`,
    );
  return spec.generators.map((g, i) => {
    if (!isObject(g))
      throw new GeneratorError(
        `${path}.generators[${i}]`,
        'each generator must be a map',
      );
    return g;
  });
}

/**
 * The second child rendered with one parameter set of the first child
 * (InterpolateGenerator). Its post `selector` is not rendered: Argo CD
 * builds the selector before interpolating.
 */
function interpolate(
  entry: Record<string, unknown>,
  params: Params,
  ctx: GeneratorContext,
  path: string,
): Record<string, unknown> {
  const { selector, ...generator } = entry;
  try {
    const rendered = renderDeep(generator, params, ctx.render) as Record<
      string,
      unknown
    >;
    return selector === undefined ? rendered : { ...rendered, selector };
  } catch (e) {
    const field = e instanceof RenderError && e.field ? `.${e.field}` : '';
    throw new GeneratorError(
      `${path}${field}`,
      `using the first generator's parameters failed: ${(e as Error).message}`,
    );
  }
}

export async function matrixParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
  depth: number,
  generate: ChildGenerate,
): Promise<Params[]> {
  const gens = children(spec, 'matrix', path);
  if (gens.length !== 2) {
    throw new GeneratorError(
      path,
      `matrix generator needs exactly two child generators, found ${gens.length}; nest another matrix to combine more`,
    );
  }
  const firstPath = `${path}.generators[0]`;
  const secondPath = `${path}.generators[1]`;
  const first = await generate(gens[0], firstPath, depth + 1);
  const out: Params[] = [];
  for (const a of first) {
    const second = await generate(
      Object.keys(a).length
        ? interpolate(gens[1], a, ctx, secondPath)
        : gens[1],
      secondPath,
      depth + 1,
    );
    for (const b of second) {
      if (ctx.render.goTemplate) {
        out.push(mergeOverride(mergeOverride({}, b), a));
      } else {
        const combined = combineFlat(a, b);
        if (typeof combined === 'string') {
          throw new GeneratorError(
            path,
            `${combined}; give one git generator a pathParamPrefix or rename the parameter`,
          );
        }
        out.push(combined);
      }
      checkCount(out.length, ctx, path);
    }
  }
  return out;
}

/** encoding/json's Marshal of a parameter value: map keys sorted, no spaces. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map(k => `${JSON.stringify(k)}:${goJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export async function mergeParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
  depth: number,
  generate: ChildGenerate,
): Promise<Params[]> {
  const gens = children(spec, 'merge', path);
  if (gens.length < 2)
    throw new GeneratorError(
      path,
      `merge generator needs two or more child generators, found ${gens.length}`,
    );
  const keys = (spec as Record<string, unknown>).mergeKeys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some(k => typeof k !== 'string')
  ) {
    throw new GeneratorError(
      path,
      'merge generator needs "mergeKeys": a non-empty list of parameter names',
    );
  }
  const mergeKeys = [...new Set(keys as string[])].sort();
  // getParamSetsByMergeKey: each merge key is looked up as one literal
  // parameter name (paramSet[mergeKey]), so with goTemplate a dotted key such
  // as values.selector finds nothing (Generators-Merge.md: nested merge keys
  // are not supported with goTemplate) and is null in every set.
  const keyOf = (p: Params) =>
    goJson(
      Object.fromEntries(
        mergeKeys.map(k => [
          k,
          Object.prototype.hasOwnProperty.call(p, k) ? p[k] : null,
        ]),
      ),
    );
  const nestedHint = (key: string) =>
    ctx.render.goTemplate &&
    mergeKeys.some(k => k.includes('.') && key.includes(`"${k}":null`))
      ? '; with goTemplate a merge key names a top-level parameter, nested keys such as values.x are not supported (Generators-Merge.md)'
      : '';
  const index = (sets: Params[], childPath: string) => {
    const byKey = new Map<string, Params>();
    for (const p of sets) {
      const key = keyOf(p);
      if (byKey.has(key)) {
        throw new GeneratorError(
          childPath,
          `produced two parameter sets with the same merge key ${key}; every set of a merge child must be unique by mergeKeys${nestedHint(
            key,
          )}`,
        );
      }
      byKey.set(key, p);
    }
    return byKey;
  };

  const sets: Params[][] = [];
  for (let i = 0; i < gens.length; i++)
    sets.push(await generate(gens[i], `${path}.generators[${i}]`, depth + 1));
  const base = index(sets[0], `${path}.generators[0]`);
  for (let i = 1; i < sets.length; i++) {
    const overrides = index(sets[i], `${path}.generators[${i}]`);
    for (const [key, baseSet] of base) {
      const override = overrides.get(key);
      if (!override) continue;
      if (ctx.render.goTemplate) {
        base.set(key, mergeOverride(baseSet, override));
      } else {
        const merged: Params = { ...baseSet };
        for (const [k, v] of Object.entries(override)) merged[k] = v;
        base.set(key, merged);
      }
    }
  }
  const out = [...base.values()];
  checkCount(out.length, ctx, path);
  return out;
}
