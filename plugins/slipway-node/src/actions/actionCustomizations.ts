import { isObject } from '../diff/objects';
import { customizationKeyId } from '../health/lua/healthCustomizations';
import type { LuaKindActions } from './LuaResourceActions';

/**
 * Resource actions given in configuration as Argo CD gives them in
 * argocd-cm (`resource.customizations.actions.<key>`): keyed by
 * `<group>_<Kind>` (the kind alone for the core group, `*` a wildcard),
 * each with `discovery.lua`, `definitions` (`name` and `action.lua` each)
 * and `mergeBuiltinActions`. Returns the kinds keyed as
 * {@link LuaResourceActions} keys them, the configured key of each (for
 * messages), and what was left out and why.
 * @public
 */
export function actionCustomizations(
  customizations: Readonly<Record<string, unknown>>,
  where = 'slipway.resourceActions.customizations',
): {
  kinds: Map<string, LuaKindActions>;
  keys: Map<string, string>;
  problems: string[];
} {
  const kinds = new Map<string, LuaKindActions>();
  const keys = new Map<string, string>();
  const problems: string[] = [];
  for (const [configured, entry] of Object.entries(customizations)) {
    const at = `${where}["${configured}"]`;
    const id = customizationKeyId(configured);
    if (id === undefined) {
      problems.push(
        `${at}: "${configured}" is not a group and kind; write <group>_<Kind> as Argo CD does (e.g. argoproj.io_Rollout), the kind alone for the core group (e.g. ConfigMap), and * as a wildcard`,
      );
      continue;
    }
    const discovery = isObject(entry) ? entry['discovery.lua'] : undefined;
    if (typeof discovery !== 'string' || discovery.trim() === '') {
      problems.push(
        `${at} needs discovery.lua: the Lua script that returns the actions a resource offers`,
      );
      continue;
    }
    const actions = new Map<string, string>();
    const definitions = (entry as Record<string, unknown>).definitions ?? [];
    const valid =
      Array.isArray(definitions) &&
      definitions.every(
        d =>
          isObject(d) &&
          typeof d.name === 'string' &&
          d.name !== '' &&
          typeof d['action.lua'] === 'string',
      );
    if (!valid) {
      problems.push(
        `${at}.definitions must be a list of {name, action.lua}: each action's name and its Lua script`,
      );
      continue;
    }
    for (const d of definitions as Array<Record<string, string>>) {
      actions.set(d.name, d['action.lua']);
    }
    kinds.set(id, {
      discovery,
      actions,
      mergeBuiltinActions:
        (entry as Record<string, unknown>).mergeBuiltinActions === true,
    });
    keys.set(id, configured);
  }
  return { kinds, keys, problems };
}
