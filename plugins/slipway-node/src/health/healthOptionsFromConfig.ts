import type { CreateHealthAssessorOptions } from './HealthAssessor';

/** The subset of Backstage's Config that {@link healthOptionsFromConfig} reads. @public */
export interface HealthConfigReader {
  getOptionalString(key: string): string | undefined;
  getOptional(key: string): unknown;
}

/**
 * Reads `slipway.health.luaScriptsDir` (a folder laid out like Argo CD's
 * `resource_customizations`) and `slipway.health.customizations` (scripts by
 * Argo CD's customization key). The map is read whole: its keys hold dots
 * (`cert-manager.io_Certificate`), which Backstage config paths cannot name.
 * @public
 */
export function healthOptionsFromConfig(config: HealthConfigReader): Pick<CreateHealthAssessorOptions, 'luaDir' | 'customizations'> {
  const customizations = config.getOptional('slipway.health.customizations');
  if (customizations !== undefined && (typeof customizations !== 'object' || customizations === null || Array.isArray(customizations))) {
    throw new Error(
      'slipway.health.customizations must map Argo CD customization keys (e.g. cert-manager.io_Certificate) to Lua health scripts',
    );
  }
  return {
    luaDir: config.getOptionalString('slipway.health.luaScriptsDir'),
    customizations: customizations as Record<string, string> | undefined,
  };
}
