import { groupOf, type KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import {
  AssessHealthOptions,
  assessHealthLayered,
  LayeredHealth,
  invalidObjectHealth,
} from './assessHealth';
import { pendingDeletionHealth } from './builtinHealth';
import { healthCustomizationScripts } from './lua/healthCustomizations';
import { LuaHealthScripts } from './lua/LuaHealthScripts';
import type { LuaEngineFactory } from './lua/LuaEngine';

/** Options of {@link HealthAssessor}. @public */
export interface HealthAssessorOptions extends AssessHealthOptions {
  /** Lua health scripts (the Lua folder's); a kind's script comes before Slipway's own checks of it. */
  lua?: LuaHealthScripts;
  /**
   * Lua health scripts that replace every other check of their kinds, as
   * Argo CD's `resource.customizations.health` do (only an object being
   * deleted is Progressing first, as in Argo CD).
   */
  overrides?: LuaHealthScripts;
  /** What was wrong with the configured overrides, reported by {@link HealthAssessor.problems}. */
  configProblems?: string[];
}

/** Options of {@link HealthAssessor.create}. @public */
export interface CreateHealthAssessorOptions extends AssessHealthOptions {
  /** A folder laid out like Argo CD's resource_customizations. */
  luaDir?: string;
  /** The Lua engine (default wasmoon). */
  luaEngine?: LuaEngineFactory;
  /**
   * Health scripts by Argo CD's customization key (`cert-manager.io_Certificate`,
   * `Pod`, `*` wildcards) that replace every other check of their kinds.
   */
  customizations?: Readonly<Record<string, string>>;
}

/**
 * Assesses resource health: built-in checks, then Slipway's CRD checks,
 * then Lua scripts (a script of the Lua folder comes before Slipway's own
 * check of its kind, as Argo CD's bundled scripts come before its Go
 * checks). Built-in and CRD checks are synchronous; only kinds served by a
 * Lua script wait for the Lua VM.
 * @public
 */
export class HealthAssessor {
  private readonly lua?: LuaHealthScripts;
  private readonly overrides?: LuaHealthScripts;
  private readonly configProblems: string[];
  private readonly options: AssessHealthOptions;

  constructor(options: HealthAssessorOptions = {}) {
    this.lua = options.lua;
    this.overrides = options.overrides;
    this.configProblems = options.configProblems ?? [];
    this.options = {
      crdChecks: options.crdChecks,
      pendingDeletion: options.pendingDeletion,
    };
  }

  /** An assessor with the Lua scripts of `luaDir`, when given. */
  static async create(
    options: CreateHealthAssessorOptions = {},
  ): Promise<HealthAssessor> {
    const lua = options.luaDir
      ? await LuaHealthScripts.fromDirectory(options.luaDir, {
          engine: options.luaEngine,
        })
      : undefined;
    let overrides: LuaHealthScripts | undefined;
    let configProblems: string[] = [];
    if (
      options.customizations &&
      Object.keys(options.customizations).length > 0
    ) {
      const { scripts, keys, problems } = healthCustomizationScripts(
        options.customizations,
      );
      configProblems = problems;
      overrides = new LuaHealthScripts(scripts, {
        engine: options.luaEngine,
        nameOf: id => `slipway.health.customizations["${keys.get(id) ?? id}"]`,
      });
    }
    return new HealthAssessor({ ...options, lua, overrides, configProblems });
  }

  /**
   * What is wrong with the configured customizations: entries left out, and
   * scripts that do not compile (compiled now; the scripts of `luaDir` stay
   * lazy, a VM each).
   */
  async problems(): Promise<string[]> {
    return [
      ...this.configProblems,
      ...((await this.overrides?.problems()) ?? []),
    ];
  }

  /**
   * The override script's health, when one serves the object's kind and the
   * object is not being deleted; null when the script gives an empty
   * health, which, as in Argo CD, leaves the object without health rather
   * than falling back to the built-in check.
   */
  private async overridden(
    obj: KubeObject,
  ): Promise<LayeredHealth | null | undefined> {
    if (!this.overrides || invalidObjectHealth(obj)) return undefined;
    if (this.options.pendingDeletion !== false && pendingDeletionHealth(obj))
      return undefined;
    if (!this.overrides.has(groupOf(obj.apiVersion), obj.kind))
      return undefined;
    const health = await this.overrides.evaluate(obj);
    return health ? { health, layer: 'lua' } : null;
  }

  /**
   * The synchronous layers, without Slipway's own checks of a kind the Lua
   * folder has a script for: the folder (a copy of Argo CD's
   * resource_customizations, say) is the operator's choice for its kinds,
   * and Argo CD too runs a bundled script of a kind before its Go check.
   */
  private syncLayers(obj: KubeObject): LayeredHealth | undefined {
    const scripted =
      this.lua !== undefined &&
      typeof obj?.apiVersion === 'string' &&
      this.lua.has(groupOf(obj.apiVersion), obj.kind);
    return assessHealthLayered(
      obj,
      scripted
        ? { ...this.options, builtinChecks: false, crdChecks: false }
        : this.options,
    );
  }

  /** Health from the synchronous layers only (no Lua, configured overrides neither). */
  assessSync(obj: KubeObject): ResourceHealth | undefined {
    return assessHealthLayered(obj, this.options)?.health;
  }

  /** Health and the layer that produced it, Lua included. */
  async assessLayered(obj: KubeObject): Promise<LayeredHealth | undefined> {
    const overridden = await this.overridden(obj);
    if (overridden !== undefined) return overridden ?? undefined;
    const sync = this.syncLayers(obj);
    if (sync || !this.lua) return sync;
    const health = await this.lua.evaluate(obj);
    return health ? { health, layer: 'lua' } : undefined;
  }

  /** Health of one object, or undefined when no layer knows its kind. */
  async assess(obj: KubeObject): Promise<ResourceHealth | undefined> {
    return (await this.assessLayered(obj))?.health;
  }

  /** Health of many objects, in order. */
  async assessAll(
    objs: readonly KubeObject[],
  ): Promise<Array<ResourceHealth | undefined>> {
    const out: Array<ResourceHealth | undefined> = [];
    for (const obj of objs) {
      if (this.overrides) {
        out.push(await this.assess(obj));
        continue;
      }
      const sync = this.syncLayers(obj);
      if (sync) out.push(sync.health);
      else out.push((await this.lua?.evaluate(obj)) ?? undefined);
    }
    return out;
  }

  /** Frees the Lua VMs. */
  async close(): Promise<void> {
    await this.lua?.close();
    await this.overrides?.close();
  }
}
