/**
 * What every generator receives, and the error a generator raises. Errors
 * are turned into ExpansionError values by the expansion; none leaves it.
 */
import { markStringMap } from '../gotemplate/values';
import { renderString, RenderOptions } from '../render';
import type {
  ClusterInfo,
  GitFileGlobbing,
  GitReader,
  ClusterDecisionService,
  Params,
  PluginGeneratorService,
} from '../types';

export interface GeneratorContext {
  appSetName: string;
  render: RenderOptions;
  clusters: ClusterInfo[];
  git?: GitReader;
  plugins?: PluginGeneratorService;
  clusterDecisions?: ClusterDecisionService;
  gitFileGlobbing: GitFileGlobbing;
  maxParameterSets: number;
  maxGitFiles: number;
}

/** A problem in one generator: `path` locates it in the ApplicationSet. */
export class GeneratorError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * appendTemplatedValues: renders each `values` entry against the params
 * (not against other values) and adds them as `values.<key>` (default
 * syntax) or under a `values` map of strings (goTemplate, a Go
 * map[string]string); an empty `values` adds nothing.
 */
export function appendValues(
  values: unknown,
  params: Params,
  ctx: GeneratorContext,
  path: string,
): Params {
  if (values === undefined || values === null) return params;
  if (!isObject(values))
    throw new GeneratorError(path, '"values" must be a map of strings');
  const rendered: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'string')
      throw new GeneratorError(path, `values.${k} must be a string (quote it)`);
    try {
      rendered[k] = renderString(v, params, ctx.render);
    } catch (e) {
      throw new GeneratorError(path, `values.${k}: ${(e as Error).message}`);
    }
  }
  if (Object.keys(rendered).length === 0) return params;
  if (ctx.render.goTemplate)
    return { ...params, values: markStringMap(rendered) };
  const out: Params = { ...params };
  for (const [k, v] of Object.entries(rendered)) out[`values.${k}`] = v;
  return out;
}

/** Throws when a generator produced more parameter sets than allowed. */
export function checkCount(count: number, ctx: GeneratorContext, path: string) {
  if (count > ctx.maxParameterSets) {
    throw new GeneratorError(
      path,
      `produced ${count} parameter sets, more than the limit of ${ctx.maxParameterSets}; narrow the generator (selectors, paths) or split the ApplicationSet`,
    );
  }
}
