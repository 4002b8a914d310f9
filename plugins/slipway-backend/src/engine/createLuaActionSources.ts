import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  actionCustomizations,
  LuaResourceActions,
} from '@slipway/plugin-slipway-node';

/** The resource actions in Argo CD's Lua format Slipway is given. */
export interface LuaActionSources {
  /** The Lua folder's (`slipway.health.luaScriptsDir`: `<group>/<Kind>/actions/`). */
  folder?: LuaResourceActions;
  /** Those given in configuration (`slipway.resourceActions.customizations`). */
  configured?: LuaResourceActions;
}

/**
 * Reads the Lua folder's resource actions and those given in configuration.
 * What cannot be read is logged and left out rather than stopping the
 * backend: a folder that cannot be read leaves the built-in actions, an
 * entry that is not valid leaves its kind's other actions.
 */
export async function createLuaActionSources(
  config: Config,
  logger: LoggerService,
): Promise<LuaActionSources> {
  const sources: LuaActionSources = {};
  const dir = config.getOptionalString('slipway.health.luaScriptsDir');
  if (dir) {
    try {
      sources.folder = await LuaResourceActions.fromDirectory(dir);
    } catch (error) {
      logger.error(
        `${
          (error as Error).message
        } (slipway.health.luaScriptsDir); its resource actions are left out until it is fixed`,
      );
    }
  }
  const where = 'slipway.resourceActions.customizations';
  const given = config.getOptional(where);
  if (given === undefined) return sources;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    logger.error(
      `${where} must map Argo CD customization keys (e.g. argoproj.io_Rollout) to {discovery.lua, definitions, mergeBuiltinActions}; it is left out`,
    );
    return sources;
  }
  const { kinds, keys, problems } = actionCustomizations(
    given as Record<string, unknown>,
    where,
  );
  for (const problem of problems) {
    logger.error(`resource action customization left out: ${problem}`);
  }
  if (kinds.size > 0) {
    sources.configured = new LuaResourceActions(kinds, {
      nameOf: (id, file) => `${where}["${keys.get(id) ?? id}"] ${file}`,
    });
  }
  return sources;
}
