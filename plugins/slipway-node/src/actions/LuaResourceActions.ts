import { promises as fs } from 'fs';
import path from 'path';
import { groupOf, KubeObject } from '@slipway/plugin-slipway-common';
import type {
  LuaEngineFactory,
  LuaScriptRunner,
} from '../health/lua/LuaEngine';
import { HealthScriptIndex } from '../health/lua/scriptIndex';
import { WasmoonLuaEngine } from '../health/lua/WasmoonLuaEngine';
import { isObject } from '../diff/objects';
import { describeObject as describe, identity } from './builtinAction';
import { createMergePatch, restoreEmptyMaps } from './createMergePatch';
import type {
  ResourceActionChange,
  ResourceActionInfo,
} from './resourceActions';
import { ResourceActionError } from './ResourceActionError';
import {
  checkActionParameters,
  type ResourceActionParameters,
} from './actionParameters';

/** The action scripts of one kind, as Argo CD lays them out. @public */
export interface LuaKindActions {
  /** `actions/discovery.lua`: returns the actions the object offers. */
  discovery: string;
  /** `actions/<name>/action.lua` by action name. */
  actions: ReadonlyMap<string, string>;
  /** Offer the kind's other actions too (Argo CD's `mergeBuiltinActions`); theirs lose a name these have. */
  mergeBuiltinActions?: boolean;
}

/** Options of {@link LuaResourceActions}. @public */
export interface LuaResourceActionsOptions {
  engine?: LuaEngineFactory;
  /** How a script is named in messages, from its kind's id and its file (`actions/discovery.lua`). */
  nameOf?: (id: string, file: string) => string;
}

const sameObject = (a: KubeObject, b: KubeObject) =>
  a.apiVersion === b.apiVersion &&
  a.kind === b.kind &&
  a.metadata?.name === b.metadata?.name &&
  (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');

const STRING_FIELDS = [
  'displayName',
  'iconClass',
  'defaultValue',
  'regexp',
  'errorMessage',
] as const;

/** One entry of a discovery table, read as Argo CD reads its `ResourceAction` fields. */
function infoOf(name: string, entry: unknown): ResourceActionInfo {
  const info: ResourceActionInfo = {
    name,
    disabled: isObject(entry) && entry.disabled === true,
  };
  if (!isObject(entry)) return info;
  for (const field of STRING_FIELDS) {
    const value = entry[field];
    if (typeof value === 'string' && value !== '') info[field] = value;
  }
  if (entry.hasParameters === true) info.hasParameters = true;
  return info;
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Resource actions written in Argo CD's format: a kind's
 * `actions/discovery.lua` returns a table of actions (name →
 * `{disabled, displayName, iconClass}`), and `actions/<name>/action.lua`
 * changes the global `obj` and returns it, or returns a list of impacted
 * resources (`{operation = "create" | "patch", resource = ...}`). A returned
 * object becomes a JSON merge patch of the live one, as Argo CD computes it.
 * Each script runs in its own Lua VM, compiled on first use.
 * @public
 */
export class LuaResourceActions {
  private readonly index: HealthScriptIndex;
  private readonly runners = new Map<string, Promise<LuaScriptRunner>>();
  private readonly engine: LuaEngineFactory;
  private readonly nameOf: (id: string, file: string) => string;

  /** @param kinds - action scripts by `group/kind` folder names (`core` for the core group, `_` a wildcard) */
  constructor(
    private readonly kinds: ReadonlyMap<string, LuaKindActions>,
    options: LuaResourceActionsOptions = {},
  ) {
    this.engine = options.engine ?? new WasmoonLuaEngine();
    this.nameOf = options.nameOf ?? ((id, file) => `${id}/${file}`);
    this.index = new HealthScriptIndex(
      [...kinds.keys()].map(id => ({
        group: id.slice(0, id.indexOf('/')),
        kind: id.slice(id.indexOf('/') + 1),
      })),
      { wildcardOrder: 'sorted' },
    );
  }

  /**
   * Loads every `<group>/<kind>/actions/` (and `<Kind>/actions/` for a kind
   * of the core group) below `dir`, a folder laid out like Argo CD's
   * resource_customizations. A missing folder is an error naming it.
   */
  static async fromDirectory(
    dir: string,
    options: LuaResourceActionsOptions = {},
  ): Promise<LuaResourceActions> {
    let groups: string[];
    try {
      groups = (await fs.readdir(dir)).sort();
    } catch (e) {
      throw new Error(
        `Cannot read the Lua scripts folder ${dir}: ${(e as Error).message}`,
      );
    }
    const kinds = new Map<string, LuaKindActions>();
    const load = async (id: string, actionsDir: string) => {
      const discovery = await readIfFile(
        path.join(actionsDir, 'discovery.lua'),
      );
      if (discovery === undefined || kinds.has(id)) return;
      const actions = new Map<string, string>();
      for (const name of (await fs.readdir(actionsDir)).sort()) {
        const script = await readIfFile(
          path.join(actionsDir, name, 'action.lua'),
        );
        if (script !== undefined) actions.set(name, script);
      }
      kinds.set(id, { discovery, actions });
    };
    for (const group of groups) {
      const groupDir = path.join(dir, group);
      const entries = await fs.readdir(groupDir).catch(() => [] as string[]);
      for (const kind of entries.sort()) {
        await load(`${group}/${kind}`, path.join(groupDir, kind, 'actions'));
      }
      await load(`core/${group}`, path.join(groupDir, 'actions'));
    }
    return new LuaResourceActions(kinds, options);
  }

  /** True when scripts serve this group (`''` for the core group) and kind. */
  has(group: string, kind: string): boolean {
    return this.index.find(group, kind) !== undefined;
  }

  /** True when the kind's scripts add to its other actions rather than replace them. */
  mergesBuiltin(group: string, kind: string): boolean {
    const key = this.index.find(group, kind);
    return Boolean(
      key && this.kinds.get(`${key.group}/${key.kind}`)?.mergeBuiltinActions,
    );
  }

  private scriptsOf(obj: KubeObject): { id: string; kind: LuaKindActions } {
    const key = this.index.find(groupOf(obj.apiVersion ?? ''), obj.kind);
    const id = key && `${key.group}/${key.kind}`;
    const kind = id && this.kinds.get(id);
    if (!id || !kind) {
      throw new ResourceActionError(
        `${describe(obj)} has no Lua actions`,
        'unknown',
      );
    }
    return { id, kind };
  }

  private runner(name: string, source: string): Promise<LuaScriptRunner> {
    let runner = this.runners.get(name);
    if (!runner) {
      runner = this.engine.compile(source, name);
      this.runners.set(name, runner);
      runner.catch(() => this.runners.delete(name));
    }
    return runner;
  }

  private async runScript(
    name: string,
    source: string,
    obj: KubeObject,
    params?: ResourceActionParameters,
  ): Promise<unknown> {
    try {
      const runner = await this.runner(name, source);
      return JSON.parse(runner.runForJson(obj, params && { ...params }));
    } catch (e) {
      throw new Error(
        `${name} failed on ${describe(obj)}: ${
          (e as Error).message
        }; fix the script`,
      );
    }
  }

  /** The actions the object offers, sorted by name, as its discovery.lua lists them. */
  async discover(obj: KubeObject): Promise<ResourceActionInfo[]> {
    const { id, kind } = this.scriptsOf(obj);
    const listed = await this.runScript(
      this.nameOf(id, 'actions/discovery.lua'),
      kind.discovery,
      obj,
    );
    // an empty table encodes as [] (no actions)
    if (!isObject(listed)) return [];
    return Object.keys(listed)
      .sort()
      .map(name => infoOf(name, listed[name]));
  }

  /**
   * Runs an action the object's discovery offers, with `params` as the
   * script's global `actionParams`, and returns the changes to make; a
   * {@link ResourceActionError} names the object when it offers no such
   * action, the action is disabled, or the value it asks for is missing or
   * does not match its `regexp`. `discovered` is what {@link discover}
   * just gave for this same object, when the caller has it, so that
   * discovery.lua does not run twice.
   */
  async run(
    obj: KubeObject,
    name: string,
    params: ResourceActionParameters = {},
    discovered?: ResourceActionInfo[],
  ): Promise<ResourceActionChange[]> {
    const { id, kind } = this.scriptsOf(obj);
    const offered = discovered ?? (await this.discover(obj));
    const action = offered.find(a => a.name === name);
    const script = kind.actions.get(name);
    if (action && script === undefined) {
      throw new ResourceActionError(
        `${this.nameOf(
          id,
          'actions/discovery.lua',
        )} offers '${name}' for ${describe(obj)}, but there is no ${this.nameOf(
          id,
          `actions/${name}/action.lua`,
        )}; add the script`,
        'unknown',
      );
    }
    if (!action || script === undefined) {
      const names = offered.map(a => a.name);
      throw new ResourceActionError(
        `${describe(obj)} has no action '${name}'; ${
          names.length
            ? `its actions are ${names.join(', ')}`
            : 'it offers none now'
        }`,
        'unknown',
      );
    }
    if (action.disabled) {
      throw new ResourceActionError(
        `action '${name}' is disabled for ${describe(obj)}`,
        'notApplicable',
      );
    }
    checkActionParameters(action, describe(obj), params);
    const result = await this.runScript(
      this.nameOf(id, `actions/${name}/action.lua`),
      script,
      structuredClone(obj),
      params,
    );
    const impacted = Array.isArray(result)
      ? result
      : [{ operation: 'patch', resource: result }];
    return impacted.flatMap(entry => this.change(obj, name, entry));
  }

  private change(
    live: KubeObject,
    name: string,
    entry: unknown,
  ): ResourceActionChange[] {
    const resource = isObject(entry) ? entry.resource : undefined;
    const operation = isObject(entry) ? entry.operation : undefined;
    if (!isObject(resource) || typeof resource.kind !== 'string') {
      throw new Error(
        `action '${name}' of ${describe(live)} returned no object to ${String(
          operation ?? 'patch',
        )}; return obj, or a list of {operation, resource}`,
      );
    }
    const object = resource as KubeObject;
    if (operation === 'create') {
      // a new object without a namespace goes beside the one the action ran on
      const metadata = { ...(object.metadata ?? {}) };
      if (!metadata.namespace && live.metadata.namespace) {
        metadata.namespace = live.metadata.namespace;
      }
      return [{ operation: 'create', object: { ...object, metadata } }];
    }
    if (operation !== 'patch') {
      throw new Error(
        `action '${name}' of ${describe(live)} returned the operation '${String(
          operation,
        )}'; Argo CD's operations are create and patch`,
      );
    }
    if (!sameObject(object, live)) {
      throw new Error(
        `action '${name}' of ${describe(live)} patches ${describe(
          object,
        )}; an action may patch only the object it runs on`,
      );
    }
    const patch = createMergePatch(
      live as unknown as Record<string, unknown>,
      restoreEmptyMaps(object, live) as Record<string, unknown>,
    );
    return Object.keys(patch).length === 0
      ? []
      : [{ operation: 'mergePatch', object: identity(live), patch }];
  }

  /** Frees the Lua VMs. */
  async close(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    for (const runner of runners)
      (await runner.catch(() => undefined))?.close();
  }
}
