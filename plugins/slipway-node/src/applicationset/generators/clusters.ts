/**
 * The clusters generator: one parameter set per cluster matching the
 * selector. Parameters: name, nameNormalized, server, project ("" when the
 * cluster has none), metadata.labels.<key>, metadata.annotations.<key> (a
 * `metadata` map of string maps with goTemplate), and values.<key>. The
 * local cluster has no Secret, so a non-empty selector never matches it and
 * it has no labels. With `flatList: true` the generator gives one parameter
 * set, `clusters`: the list of all those parameter sets.
 */
import {
  isEmptySelector,
  LabelSelector,
  matchesSelector,
  selectorProblem,
} from '../labelSelector';
import { markStringMap } from '../gotemplate/values';
import { sanitizeName } from '../names';
import type { ClusterInfo, Params } from '../types';
import {
  appendValues,
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

/** The label every Argo CD cluster Secret carries. */
export const CLUSTER_SECRET_LABEL = 'argocd.argoproj.io/secret-type';

function isLocal(c: ClusterInfo): boolean {
  return c.local === true;
}

export function clusterParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
): Params[] {
  const s = spec === null || spec === undefined ? {} : spec;
  if (!isObject(s))
    throw new GeneratorError(
      path,
      'clusters generator must be a map (use `clusters: {}` for all clusters)',
    );
  const problem = selectorProblem(s.selector);
  if (problem) throw new GeneratorError(path, problem);
  const selector = (s.selector ?? undefined) as LabelSelector | undefined;
  const ignoreLocal = !isEmptySelector(selector);
  if (s.flatList !== undefined && typeof s.flatList !== 'boolean')
    throw new GeneratorError(path, '"flatList" must be true or false');

  const out: Params[] = [];
  const local = ctx.clusters.filter(isLocal);
  const remote = ctx.clusters.filter(c => !isLocal(c));
  // Argo CD lists the local cluster first, then matching cluster Secrets.
  if (!ignoreLocal) {
    for (const c of local) {
      out.push(
        appendValues(
          s.values,
          {
            name: c.name,
            nameNormalized: c.name,
            server: c.server,
            project: '',
          },
          ctx,
          path,
        ),
      );
    }
  }
  for (const c of remote) {
    const labels = { [CLUSTER_SECRET_LABEL]: 'cluster', ...(c.labels ?? {}) };
    if (!matchesSelector(selector, labels)) continue;
    const annotations = c.annotations ?? {};
    const params: Params = {
      name: c.name,
      nameNormalized: sanitizeName(c.name),
      server: c.server,
      project: c.project ?? '',
    };
    if (ctx.render.goTemplate) {
      // Go map[string]string: `index` of a missing label or annotation is "".
      const metadata: Record<string, unknown> = {
        labels: markStringMap({ ...labels }),
      };
      if (Object.keys(annotations).length)
        metadata.annotations = markStringMap({ ...annotations });
      params.metadata = metadata;
    } else {
      for (const [k, v] of Object.entries(annotations))
        params[`metadata.annotations.${k}`] = v;
      for (const [k, v] of Object.entries(labels))
        params[`metadata.labels.${k}`] = v;
    }
    out.push(appendValues(s.values, params, ctx, path));
  }
  checkCount(out.length, ctx, path);
  return s.flatList === true ? [{ clusters: out }] : out;
}
