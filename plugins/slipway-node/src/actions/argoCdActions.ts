import { at, record } from '../health/fields';
import { BuiltinAction, mergePatch } from './builtinAction';

/*
 * Argo CD's built-in action of its own Application
 * (resource_customizations/argoproj.io/Application): turn automated sync on
 * or off, so that a role may be allowed just that rather than any update of
 * the Application.
 */

/**
 * Automated sync is on while `syncPolicy.automated` is set and its
 * `enabled` is true or unset; Argo CD's script compares with true exactly,
 * so `enabled: "true"` counts as off.
 */
function autoSyncEnabled(automated: unknown): boolean {
  if (automated === undefined || automated === null) return false;
  const enabled = record(automated).enabled;
  return enabled === true || enabled === undefined || enabled === null;
}

/**
 * Toggle: flips `syncPolicy.automated.enabled`, keeping the rest of the
 * automated settings (prune, selfHeal, ...) for when it is turned on again.
 */
const toggleAutoSync: BuiltinAction = {
  name: 'toggle-auto-sync',
  run: obj =>
    mergePatch(obj, {
      spec: {
        syncPolicy: {
          automated: {
            enabled: !autoSyncEnabled(
              at(obj, 'spec', 'syncPolicy', 'automated'),
            ),
          },
        },
      },
    }),
};

/** Argo CD's actions of Argo CD objects, by `group/kind`. */
export const argoCdActions: Readonly<Record<string, BuiltinAction[]>> = {
  'argoproj.io/Application': [toggleAutoSync],
};
