import { groupOf, type KubeObject } from '@slipway/plugin-slipway-common';
import {
  LuaResourceActions,
  ResourceActionChange,
  ResourceActionParameters,
  ResourceActionInfo,
  resourceActionsOf,
  runResourceAction,
} from '@slipway/plugin-slipway-node';

/** The Lua action sources, as {@link ActionLayers} reads them. */
export type LuaActionSource = Pick<
  LuaResourceActions,
  'has' | 'mergesBuiltin' | 'discover' | 'run'
>;

/**
 * Where a resource's actions come from, as in Argo CD: actions given in
 * configuration replace the others of their kind, unless they merge with
 * them (`mergeBuiltinActions`, theirs winning a shared name); below them,
 * the Lua folder's actions of a kind replace Slipway's built-in ones.
 */
export class ActionLayers {
  constructor(
    private readonly sources: {
      /** `slipway.resourceActions.customizations`. */
      configured?: LuaActionSource;
      /** The Lua folder (`slipway.health.luaScriptsDir`). */
      folder?: LuaActionSource;
    },
  ) {}

  private configuredOf(live: KubeObject) {
    const configured = this.sources.configured;
    return configured?.has(groupOf(live.apiVersion), live.kind)
      ? configured
      : undefined;
  }

  private async builtinOffered(
    live: KubeObject,
  ): Promise<ResourceActionInfo[]> {
    const folder = this.sources.folder;
    return folder?.has(groupOf(live.apiVersion), live.kind)
      ? folder.discover(live)
      : resourceActionsOf(live);
  }

  private async builtinChanges(
    live: KubeObject,
    name: string,
    now: Date,
    params: ResourceActionParameters,
  ): Promise<ResourceActionChange[]> {
    const folder = this.sources.folder;
    return folder?.has(groupOf(live.apiVersion), live.kind)
      ? folder.run(live, name, params)
      : runResourceAction(live, name, now, params);
  }

  /** The actions the object offers, with whether each applies now. */
  async offered(live: KubeObject): Promise<ResourceActionInfo[]> {
    const configured = this.configuredOf(live);
    if (!configured) return this.builtinOffered(live);
    const own = await configured.discover(live);
    if (!configured.mergesBuiltin(groupOf(live.apiVersion), live.kind)) {
      return own;
    }
    const names = new Set(own.map(a => a.name));
    const others = (await this.builtinOffered(live)).filter(
      a => !names.has(a.name),
    );
    return [...own, ...others];
  }

  /**
   * Runs an action with the values sent (`params`, by name);
   * ResourceActionError when the object offers no such action, it does not
   * apply, or a value it asks for is missing or does not fit.
   */
  async changes(
    live: KubeObject,
    name: string,
    now: Date,
    params: ResourceActionParameters = {},
  ): Promise<ResourceActionChange[]> {
    const configured = this.configuredOf(live);
    if (!configured) return this.builtinChanges(live, name, now, params);
    if (!configured.mergesBuiltin(groupOf(live.apiVersion), live.kind)) {
      return configured.run(live, name, params);
    }
    const own = await configured.discover(live);
    return own.some(a => a.name === name)
      ? configured.run(live, name, params, own)
      : this.builtinChanges(live, name, now, params);
  }
}
