import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { HealthAssessor, healthOptionsFromConfig } from '@slipway/plugin-slipway-node';

/**
 * The engine's health assessor with the configured Lua scripts. Bad health
 * configuration is logged and left out rather than stopping the backend: a
 * folder that cannot be read leaves its kinds without health, and a script
 * that is not valid leaves its kinds to the other checks or Unknown with the
 * script's error.
 */
export async function createHealthAssessor(config: Config, logger: LoggerService): Promise<HealthAssessor> {
  let options: ReturnType<typeof healthOptionsFromConfig>;
  try {
    options = healthOptionsFromConfig(config);
  } catch (error) {
    logger.error(`${(error as Error).message}; health customizations are left out until the configuration is fixed`);
    options = { luaDir: config.getOptionalString('slipway.health.luaScriptsDir') };
  }
  let health: HealthAssessor;
  try {
    health = await HealthAssessor.create(options);
  } catch (error) {
    logger.error(
      `${(error as Error).message} (slipway.health.luaScriptsDir); kinds only its scripts know have no health until it is fixed`,
    );
    health = await HealthAssessor.create({ ...options, luaDir: undefined });
  }
  for (const problem of await health.problems()) {
    logger.error(`health customization left out or broken: ${problem}`);
  }
  return health;
}
