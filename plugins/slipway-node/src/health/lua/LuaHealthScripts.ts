import { promises as fs } from 'fs';
import path from 'path';
import { groupOf, KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import type { LuaEngineFactory, LuaScriptRunner } from './LuaEngine';
import {
  HealthScriptIndex,
  HealthScriptIndexOptions,
  HealthScriptKey,
} from './scriptIndex';
import { luaResultToHealth } from './luaResult';
import { WasmoonLuaEngine } from './WasmoonLuaEngine';

/** Options for {@link LuaHealthScripts}. @public */
export interface LuaHealthScriptsOptions {
  /** The Lua engine; default: wasmoon. */
  engine?: LuaEngineFactory;
  /** How a script is named in messages, from its `group/kind` key; default `<group>/<kind>/health.lua`. */
  nameOf?: (groupKind: string) => string;
  /** Which of several matching wildcard folders serves a kind (see {@link HealthScriptIndexOptions}). */
  wildcardOrder?: HealthScriptIndexOptions['wildcardOrder'];
}

const keyId = (key: HealthScriptKey) => `${key.group}/${key.kind}`;

/**
 * Health scripts in Argo CD's format (`health.lua` reads the global `obj`
 * and returns `{status = ..., message = ...}`). Each script is compiled into
 * its own Lua VM the first time it is needed and the VM is reused for every
 * later object of that kind.
 * @public
 */
export class LuaHealthScripts {
  private readonly index: HealthScriptIndex;
  private readonly runners = new Map<string, Promise<LuaScriptRunner>>();
  private readonly engine: LuaEngineFactory;
  private readonly nameOf: (groupKind: string) => string;

  /** @param scripts - script source by `group/kind` folder names (`_` is a wildcard) */
  constructor(
    private readonly scripts: ReadonlyMap<string, string>,
    options: LuaHealthScriptsOptions = {},
  ) {
    this.engine = options.engine ?? new WasmoonLuaEngine();
    this.nameOf = options.nameOf ?? (id => `${id}/health.lua`);
    this.index = new HealthScriptIndex(
      [...scripts.keys()].map(id => {
        const slash = id.indexOf('/');
        return { group: id.slice(0, slash), kind: id.slice(slash + 1) };
      }),
      { wildcardOrder: options.wildcardOrder },
    );
  }

  /**
   * Loads every `<group>/<kind>/health.lua` below `dir`, and every
   * `<Kind>/health.lua` right in `dir` for a kind of the core group (Argo
   * CD's layout: `Pod/health.lua`; a `core/<Kind>` folder serves it too).
   * Among wildcard folders that match one kind, the first in byte order
   * wins, as in Argo CD. A missing or unreadable folder is an error that
   * names the folder.
   */
  static async fromDirectory(
    dir: string,
    options: LuaHealthScriptsOptions = {},
  ): Promise<LuaHealthScripts> {
    let groups: string[];
    try {
      groups = await fs.readdir(dir);
    } catch (e) {
      throw new Error(
        `Cannot read the Lua health scripts folder ${dir}: ${
          (e as Error).message
        }. Point the Lua folder at a directory laid out as <group>/<kind>/health.lua.`,
      );
    }
    const scripts = new Map<string, string>();
    const coreKinds = new Map<string, string>();
    for (const group of groups.sort()) {
      const groupDir = path.join(dir, group);
      if (!(await isDirectory(groupDir))) continue;
      const coreFile = path.join(groupDir, 'health.lua');
      if (await isFile(coreFile)) {
        coreKinds.set(`core/${group}`, await fs.readFile(coreFile, 'utf8'));
      }
      for (const kind of (await fs.readdir(groupDir)).sort()) {
        const file = path.join(groupDir, kind, 'health.lua');
        if (await isFile(file)) {
          scripts.set(`${group}/${kind}`, await fs.readFile(file, 'utf8'));
        }
      }
    }
    for (const [id, script] of coreKinds) {
      if (!scripts.has(id)) scripts.set(id, script);
    }
    return new LuaHealthScripts(scripts, {
      wildcardOrder: 'sorted',
      ...options,
    });
  }

  /** Number of scripts loaded. */
  get size(): number {
    return this.scripts.size;
  }

  /** True when a script serves this group and kind. */
  has(group: string, kind: string): boolean {
    return this.index.find(group, kind) !== undefined;
  }

  /**
   * Runs the script for the object's kind. Undefined when there is none;
   * null when the script gives an empty health (nil, an empty table, a
   * non-string status or message: Argo CD's empty health status, which no
   * other check replaces); a failing script gives Unknown with the
   * script's error.
   */
  async evaluate(obj: KubeObject): Promise<ResourceHealth | null | undefined> {
    const key = this.index.find(groupOf(obj.apiVersion ?? ''), obj.kind);
    if (!key) return undefined;
    const name = this.nameOf(keyId(key));
    let runner: LuaScriptRunner;
    try {
      runner = await this.runner(key, name);
    } catch (e) {
      return { status: 'Unknown', message: `${name}: ${(e as Error).message}` };
    }
    try {
      return luaResultToHealth(runner.run(obj), name);
    } catch (e) {
      return { status: 'Unknown', message: `${name}: ${(e as Error).message}` };
    }
  }

  /** Compiles every script; the message of each that does not compile. */
  async problems(): Promise<string[]> {
    const problems: string[] = [];
    for (const id of this.scripts.keys()) {
      const slash = id.indexOf('/');
      const key = { group: id.slice(0, slash), kind: id.slice(slash + 1) };
      const name = this.nameOf(id);
      await this.runner(key, name).catch(e =>
        problems.push(`${name}: ${(e as Error).message}`),
      );
    }
    return problems;
  }

  /** Frees every Lua VM. */
  async close(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    for (const r of await Promise.allSettled(runners)) {
      if (r.status === 'fulfilled') r.value.close();
    }
  }

  private runner(key: HealthScriptKey, name: string): Promise<LuaScriptRunner> {
    const id = keyId(key);
    let runner = this.runners.get(id);
    if (!runner) {
      runner = this.engine.compile(this.scripts.get(id)!, name);
      this.runners.set(id, runner);
    }
    return runner;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}
