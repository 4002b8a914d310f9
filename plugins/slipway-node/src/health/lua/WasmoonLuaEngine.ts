import * as nodeModule from 'module';
import type { LuaFactory as LuaFactoryType } from 'wasmoon';
import type { LuaEngineFactory, LuaScriptRunner } from './LuaEngine';

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

/**
 * Makes Lua 5.4 run scripts written for Argo CD's Lua 5.1 VM, and takes away
 * what a health script has no business using (files, processes, modules).
 * Each run gets a fresh global table (`env`) so no state leaks between
 * objects, while the script is compiled once.
 */
const PRELUDE = `
table.getn = table.getn or function(t) return #t end
unpack = unpack or table.unpack
math.pow = math.pow or function(a, b) return a ^ b end
loadstring = nil
io = nil
package = nil
require = nil
dofile = nil
loadfile = nil
debug = nil
os = { time = os.time, date = os.date, clock = os.clock, difftime = os.difftime }
local source, name = __slipway_source, __slipway_name
__slipway_source, __slipway_name = nil, nil
local base = _G
local env = setmetatable({}, { __index = base })
local chunk = assert(load(source, "=" .. name, "t", env))
__slipway_run = function(input)
  for k in pairs(env) do env[k] = nil end
  env.obj = input
  return chunk()
end
`;

/** Options of the wasmoon-backed engine. @public */
export interface WasmoonLuaEngineOptions {
  /** Longest a single script run may take, in milliseconds (default 1000). */
  timeoutMs?: number;
}

class WasmoonRunner implements LuaScriptRunner {
  constructor(
    private readonly close_: () => void,
    private readonly fn: (input: unknown) => unknown,
  ) {}

  run(input: unknown): unknown {
    return this.fn(input);
  }

  close(): void {
    this.close_();
  }
}

/**
 * Lua engine on wasmoon (Lua 5.4 compiled to WebAssembly): one VM per
 * compiled script, reused for every run of that script.
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
      engine.global.set('__slipway_source', source);
      engine.global.set('__slipway_name', name);
      engine.doStringSync(PRELUDE);
    } catch (e) {
      engine.global.close();
      throw e;
    }
    const fn = engine.global.get('__slipway_run') as (
      input: unknown,
    ) => unknown;
    return new WasmoonRunner(() => engine.global.close(), fn);
  }
}
