import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import {
  AssessHealthOptions,
  assessHealthLayered,
  LayeredHealth,
} from './assessHealth';
import { LuaHealthScripts } from './lua/LuaHealthScripts';
import type { LuaEngineFactory } from './lua/LuaEngine';

/** Options of {@link HealthAssessor}. @public */
export interface HealthAssessorOptions extends AssessHealthOptions {
  /** Lua health scripts for kinds that no built-in or CRD check knows. */
  lua?: LuaHealthScripts;
}

/** Options of {@link HealthAssessor.create}. @public */
export interface CreateHealthAssessorOptions extends AssessHealthOptions {
  /** A folder laid out like Argo CD's resource_customizations. */
  luaDir?: string;
  /** The Lua engine (default wasmoon). */
  luaEngine?: LuaEngineFactory;
}

/**
 * Assesses resource health: built-in checks, then Slipway's CRD checks,
 * then Lua scripts. Built-in and CRD checks are synchronous; only kinds
 * served by a Lua script wait for the Lua VM.
 * @public
 */
export class HealthAssessor {
  private readonly lua?: LuaHealthScripts;
  private readonly options: AssessHealthOptions;

  constructor(options: HealthAssessorOptions = {}) {
    this.lua = options.lua;
    this.options = { crdChecks: options.crdChecks };
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
    return new HealthAssessor({ ...options, lua });
  }

  /** Health from the synchronous layers only (no Lua). */
  assessSync(obj: KubeObject): ResourceHealth | undefined {
    return assessHealthLayered(obj, this.options)?.health;
  }

  /** Health and the layer that produced it, Lua included. */
  async assessLayered(obj: KubeObject): Promise<LayeredHealth | undefined> {
    const sync = assessHealthLayered(obj, this.options);
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
      const sync = assessHealthLayered(obj, this.options);
      if (sync) out.push(sync.health);
      else out.push(this.lua ? await this.lua.evaluate(obj) : undefined);
    }
    return out;
  }

  /** Frees the Lua VMs. */
  async close(): Promise<void> {
    await this.lua?.close();
  }
}
