/**
 * The clusterDecisionResource generator (Argo CD's duck-type generator):
 * reads the `status.<statusListKey>` decisions of duck-typed resources
 * (through a ClusterDecisionService), keeps those whose `matchKey` value
 * names a known cluster, and gives per decision the cluster's `name` and
 * `server`, every field of the decision, and the generator's `values`.
 */
import { selectorProblem } from '../labelSelector';
import type { ClusterDecisionRequest, Params } from '../types';
import {
  appendValues,
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

const CONFIGURE =
  'configure it under slipway.applicationSets.clusterDecisionResources (name, apiVersion, kind, statusListKey, matchKey)';

export async function clusterDecisionParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
): Promise<Params[]> {
  if (!isObject(spec))
    throw new GeneratorError(
      path,
      'clusterDecisionResource generator must be a map with configMapRef',
    );
  const { configMapRef, name, labelSelector } = spec;
  if (typeof configMapRef !== 'string' || configMapRef === '') {
    throw new GeneratorError(
      path,
      `"configMapRef" must name the duck type to read; ${CONFIGURE}`,
    );
  }
  const hasSelector =
    isObject(labelSelector) &&
    (labelSelector.matchLabels !== undefined ||
      labelSelector.matchExpressions !== undefined);
  if ((name === undefined || name === '') === !hasSelector) {
    throw new GeneratorError(
      path,
      'give either "name" (one resource) or "labelSelector", not both and not neither',
    );
  }
  if (name !== undefined && typeof name !== 'string')
    throw new GeneratorError(path, '"name" must be a string');
  if (hasSelector) {
    const problem = selectorProblem(labelSelector);
    if (problem)
      throw new GeneratorError(
        path,
        problem.replace(/^selector/, 'labelSelector'),
      );
  }
  if (!ctx.clusterDecisions) {
    throw new GeneratorError(
      path,
      `duck type "${configMapRef}" cannot be read: no cluster decision resources are configured; ${CONFIGURE}`,
    );
  }
  let found;
  try {
    found = await ctx.clusterDecisions.listDecisions({
      configMapRef,
      ...(typeof name === 'string' && name !== '' ? { name } : {}),
      ...(hasSelector
        ? {
            labelSelector:
              labelSelector as ClusterDecisionRequest['labelSelector'],
          }
        : {}),
    });
  } catch (e) {
    throw new GeneratorError(
      path,
      `duck type "${configMapRef}": ${(e as Error).message}`,
    );
  }
  const out: Params[] = [];
  for (const decision of found.decisions) {
    const match = decision[found.matchKey];
    if (typeof match !== 'string' || match === '') continue;
    // Argo CD matches the decision against its clusters by name; unmatched ones are skipped
    const cluster = ctx.clusters.find(c => c.name === match);
    if (!cluster) continue;
    const params: Params = { name: cluster.name, server: cluster.server };
    for (const [key, value] of Object.entries(decision)) {
      if (typeof value !== 'string') {
        throw new GeneratorError(
          path,
          `duck type "${configMapRef}": decision field "${key}" is not a string; decisions must hold strings only`,
        );
      }
      params[key] = value;
    }
    out.push(appendValues(spec.values, params, ctx, path));
  }
  checkCount(out.length, ctx, path);
  return out;
}
