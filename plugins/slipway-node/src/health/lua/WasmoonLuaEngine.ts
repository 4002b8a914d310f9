import * as nodeModule from 'module';
import type { LuaFactory as LuaFactoryType } from 'wasmoon';
import type { LuaEngineFactory, LuaScriptRunner } from './LuaEngine';
import { FLOAT_MARK, GOPHER_LUA_PRELUDE } from './gopherLuaPrelude';
import { adaptLua51Source } from './lua51Source';

/**
 * wasmoon's Emscripten loader uses a dynamic `import()`. Loading it through
 * Node's own require (rather than a bundler's or a test runner's module
 * system) keeps that import working everywhere.
 */
function loadLuaFactory(): typeof LuaFactoryType {
  const builtin = (
    process as unknown as { getBuiltinModule?: (id: string) => unknown }
  ).getBuiltinModule?.('module') as typeof nodeModule | undefined;
  const createRequire = (builtin ?? nodeModule).createRequire;
  return createRequire(__filename)('wasmoon').LuaFactory;
}

const TWO_63 = 2 ** 63;

/**
 * The object as Argo CD hands it to a script (util/lua `decodeValue`): a
 * null field is absent, a null list item is skipped (gopher-lua's
 * `Append` drops nil), every number is a number. An integral number too large
 * for a Lua integer travels as a marked string and becomes a float in Lua.
 */
export function toLuaInput(
  value: unknown,
  marks: { floats: boolean },
): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const converted = toLuaInput(item, marks);
      if (converted !== undefined) out.push(converted);
    }
    return out;
  }
  switch (typeof value) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(
        value as Record<string, unknown>,
      )) {
        const converted = toLuaInput(item, marks);
        if (converted !== undefined) out[key] = converted;
      }
      return out;
    }
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) >= TWO_63) {
        marks.floats = true;
        return `${FLOAT_MARK}${value}`;
      }
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    default:
      return undefined;
  }
}

/** Options of the wasmoon-backed engine. @public */
export interface WasmoonLuaEngineOptions {
  /** Longest a single script run may take, in milliseconds (default 1000). */
  timeoutMs?: number;
}

class WasmoonRunner implements LuaScriptRunner {
  constructor(
    private readonly close_: () => void,
    private readonly fn: (input: unknown, hasFloatMarks: boolean) => unknown,
    private readonly valueFn: (
      input: unknown,
      hasFloatMarks: boolean,
      params: Record<string, string>,
    ) => unknown,
  ) {}

  run(input: unknown): unknown {
    const marks = { floats: false };
    const value = toLuaInput(input, marks);
    return this.fn(value === undefined ? {} : value, marks.floats);
  }

  runForJson(input: unknown, params: Record<string, string> = {}): string {
    const marks = { floats: false };
    const value = toLuaInput(input, marks);
    return String(
      this.valueFn(value === undefined ? {} : value, marks.floats, params),
    );
  }

  close(): void {
    this.close_();
  }
}

/**
 * Lua engine on wasmoon (Lua 5.4 compiled to WebAssembly): one VM per
 * compiled script, reused for every run of that script. Scripts run as on
 * Argo CD's gopher-lua (Lua 5.1): see `gopherLuaPrelude.ts` for the library
 * and `lua51Source.ts` for the `..` operator. A run returns the script's
 * `{status, message}` as Argo CD reads it (both strings), or null when Argo
 * CD would see no health.
 * @public
 */
export class WasmoonLuaEngine implements LuaEngineFactory {
  private factory?: LuaFactoryType;
  private readonly timeoutMs: number;

  constructor(options: WasmoonLuaEngineOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  async compile(source: string, name: string): Promise<LuaScriptRunner> {
    this.factory ??= new (loadLuaFactory())();
    const engine = await this.factory.createEngine({
      openStandardLibs: true,
      injectObjects: false,
      enableProxy: false,
      functionTimeout: this.timeoutMs,
    });
    try {
      engine.global.set('__slipway_source', adaptLua51Source(source).source);
      engine.global.set('__slipway_original', source);
      engine.global.set('__slipway_name', name);
      engine.doStringSync(GOPHER_LUA_PRELUDE);
    } catch (e) {
      engine.global.close();
      throw e;
    }
    const fn = engine.global.get('__slipway_run') as (
      input: unknown,
      hasFloatMarks: boolean,
    ) => unknown;
    const valueFn = engine.global.get('__slipway_run_value') as (
      input: unknown,
      hasFloatMarks: boolean,
      params: Record<string, string>,
    ) => unknown;
    return new WasmoonRunner(() => engine.global.close(), fn, valueFn);
  }
}
