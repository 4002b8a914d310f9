/**
 * The plugin generator: asks a plugin service (Argo CD's
 * `getparams.execute` RPC, through a PluginGeneratorService) for parameter
 * sets. With goTemplate each returned map is used as it is; with the default
 * syntax it is flattened into dotted keys printed by Go's `%v`. Every set
 * also gets `generator.input.parameters` (the parameters sent, as a map)
 * and the generator's `values`.
 */
import { cloneData, flattenParams } from '../params';
import type { Params } from '../types';
import {
  appendValues,
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

const CONFIGURE =
  'configure the plugin under slipway.applicationSets.plugins (name, baseUrl, token)';

export async function pluginParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
): Promise<Params[]> {
  if (!isObject(spec))
    throw new GeneratorError(
      path,
      'plugin generator must be a map with configMapRef.name and optional input.parameters',
    );
  const ref = spec.configMapRef;
  const plugin = isObject(ref) ? ref.name : undefined;
  if (typeof plugin !== 'string' || plugin.trim() === '')
    throw new GeneratorError(
      path,
      `configMapRef.name must name the plugin to call; ${CONFIGURE}`,
    );
  const input = spec.input ?? {};
  if (!isObject(input))
    throw new GeneratorError(path, '"input" must be a map with "parameters"');
  const parameters = input.parameters ?? {};
  if (!isObject(parameters))
    throw new GeneratorError(path, '"input.parameters" must be a map');
  if (!ctx.plugins)
    throw new GeneratorError(
      path,
      `plugin "${plugin}" cannot be called: no plugin services are configured; ${CONFIGURE}`,
    );

  let returned: unknown[];
  try {
    returned = await ctx.plugins.getParams({
      plugin,
      applicationSetName: ctx.appSetName,
      parameters: cloneData(parameters),
    });
  } catch (e) {
    throw new GeneratorError(path, `plugin "${plugin}": ${(e as Error).message}`);
  }
  if (!Array.isArray(returned))
    throw new GeneratorError(
      path,
      `plugin "${plugin}" answered output.parameters that is not a list; the plugin must return {"output": {"parameters": [ {...}, ... ]}}`,
    );
  checkCount(returned.length, ctx, path);
  return returned.map((found, i) => {
    if (!isObject(found))
      throw new GeneratorError(
        path,
        `plugin "${plugin}" answered output.parameters[${i}] that is not a map; each parameter set must be a JSON object`,
      );
    const params: Params = ctx.render.goTemplate
      ? cloneData(found)
      : flattenParams(found);
    params.generator = { input: { parameters: cloneData(parameters) } };
    return appendValues(spec.values, params, ctx, path);
  });
}
