/**
 * The `<group>/<kind>` id (`core` for the core group, `_` as the wildcard)
 * of one of Argo CD's customization keys (`resource.customizations.<what>.<key>`
 * in argocd-cm): `<group>_<Kind>` (`cert-manager.io_Certificate`), the kind
 * alone for the core group (`Pod`), `*` as a wildcard
 * (`ec2.aws.crossplane.io_*`); `<group>/<Kind>` is accepted too. Undefined
 * when the key is not a group and kind.
 * @public
 */
export function customizationKeyId(configured: string): string | undefined {
  const separator = configured.includes('/') ? '/' : '_';
  const at = configured.indexOf(separator);
  const group = at < 0 ? '' : configured.slice(0, at);
  const kind = at < 0 ? configured : configured.slice(at + 1);
  if (kind === '' || /[\s/_]/.test(kind) || /[\s_]/.test(group)) return undefined;
  return `${group === '' ? 'core' : group.replace(/\*/g, '_')}/${kind.replace(/\*/g, '_')}`;
}

/**
 * Health scripts given in configuration, keyed as Argo CD keys
 * `resource.customizations.health.<key>` in argocd-cm: `<group>_<Kind>`
 * (`cert-manager.io_Certificate`), the kind alone for the core group
 * (`Pod`), `*` as a wildcard (`ec2.aws.crossplane.io_*`); `<group>/<Kind>`
 * is accepted too. Returns the scripts keyed as {@link LuaHealthScripts}
 * keys them (`<group>/<kind>`, `core` for the core group, `_` as the
 * wildcard) with the configured key of each, for messages. An entry that is
 * not a group and kind or not a script is left out and named in `problems`.
 */
export function healthCustomizationScripts(customizations: Readonly<Record<string, unknown>>): {
  scripts: Map<string, string>;
  keys: Map<string, string>;
  problems: string[];
} {
  const scripts = new Map<string, string>();
  const keys = new Map<string, string>();
  const problems: string[] = [];
  for (const [configured, script] of Object.entries(customizations)) {
    const where = `slipway.health.customizations["${configured}"]`;
    if (typeof script !== 'string' || script.trim() === '') {
      problems.push(`${where} must be a Lua health script (the text of a health.lua); it is empty or not text`);
      continue;
    }
    const id = customizationKeyId(configured);
    if (id === undefined) {
      problems.push(
        `${where}: "${configured}" is not a group and kind; write <group>_<Kind> as Argo CD does ` +
          '(e.g. cert-manager.io_Certificate), the kind alone for the core group (e.g. Pod), and * as a wildcard',
      );
      continue;
    }
    scripts.set(id, script);
    keys.set(id, configured);
  }
  return { scripts, keys, problems };
}
