/**
 * The seam between Slipway's health code and a Lua interpreter, so that the
 * interpreter can be swapped (and faked in tests).
 */

/** One compiled script in its own Lua VM. @public */
export interface LuaScriptRunner {
  /**
   * Runs the script with the global `obj` set to a copy of `input` and
   * returns the script's return value converted to JavaScript. Throws when
   * the script fails or runs too long.
   */
  run(input: unknown): unknown;
  /**
   * Runs a resource action script: the global `obj` is a copy of `input`
   * and `actionParams` holds `params`; returns the table the script
   * returned, as JSON text encoded the way Argo CD encodes it (an empty
   * table is `[]`). Throws when the script fails or returns no table.
   */
  runForJson(input: unknown, params?: Record<string, string>): string;
  /** Frees the VM. */
  close(): void;
}

/** Compiles scripts; compiling is asynchronous (the VM is WebAssembly). @public */
export interface LuaEngineFactory {
  /** Compiles `source`; `name` names the script in error messages. */
  compile(source: string, name: string): Promise<LuaScriptRunner>;
}
