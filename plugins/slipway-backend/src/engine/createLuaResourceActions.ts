import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { LuaResourceActions } from '@slipway/plugin-slipway-node';

/**
 * The resource actions of the Lua folder (`slipway.health.luaScriptsDir`,
 * laid out like Argo CD's resource_customizations: `<group>/<Kind>/actions/`),
 * or undefined without one. A folder that cannot be read is logged and
 * left out rather than stopping the backend: the built-in actions remain.
 */
export async function createLuaResourceActions(
  config: Config,
  logger: LoggerService,
): Promise<LuaResourceActions | undefined> {
  const dir = config.getOptionalString('slipway.health.luaScriptsDir');
  if (!dir) return undefined;
  try {
    return await LuaResourceActions.fromDirectory(dir);
  } catch (error) {
    logger.error(
      `${
        (error as Error).message
      } (slipway.health.luaScriptsDir); its resource actions are left out until it is fixed`,
    );
    return undefined;
  }
}
