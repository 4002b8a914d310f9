import { NUMBERS_LUA } from './prelude/numbers';
import { STRING_FORMAT_LUA } from './prelude/stringFormat';
import { TABLE_LIBRARY_LUA } from './prelude/tableLibrary';
import { OS_TIME_LUA } from './prelude/osTime';
import { JSON_MODULE_LUA } from './prelude/jsonModule';
import { LUA51_NAMES_LUA } from './prelude/lua51Names';
import { TABLE_ORDER_LUA } from './prelude/tableOrder';
import { SANDBOX_LUA } from './prelude/sandbox';
import { FLOAT_MARK, SCRIPT_RUN_LUA } from './prelude/scriptRun';

export { FLOAT_MARK };

/**
 * The script handed in by the engine, taken out of the globals, and the
 * standard library as Lua 5.4 has it, captured before the parts replace any
 * of it.
 */
const CAPTURED_LOCALS = String.raw`
local source, original, name = __slipway_source, __slipway_original, __slipway_name
__slipway_source, __slipway_original, __slipway_name = nil, nil, nil

local type, next, select, error, rawget, rawset, ipairs, pairs =
      type, next, select, error, rawget, rawset, ipairs, pairs
local getmetatable, setmetatable, pcall = getmetatable, setmetatable, pcall
local math_type, tointeger, floor, huge = math.type, math.tointeger, math.floor, math.huge
local fmod = math.fmod
local mininteger, maxinteger = math.mininteger, math.maxinteger
local sformat, ssub, sbyte, slower, srep, sgsub, smatch, sfind =
      string.format, string.sub, string.byte, string.lower, string.rep, string.gsub, string.match, string.find
local native_tostring, native_tonumber = tostring, tonumber
local native_concat, native_insert, native_remove, native_sort, native_unpack =
      table.concat, table.insert, table.remove, table.sort, table.unpack
local native_time, native_date, native_clock = os.time, os.date, os.clock
local native_load = load
local dbg_getinfo, dbg_getupvalue, dbg_upvaluejoin = debug.getinfo, debug.getupvalue, debug.upvaluejoin
local utf8_char = utf8.char
`;

/**
 * Lua code run once in every VM before a health script is compiled. It makes
 * Lua 5.4 behave like the VM Argo CD runs health scripts on: gopher-lua, a
 * Lua 5.1 implementation whose numbers are all float64 and whose libraries
 * are written in Go. What a script can observe follows gopher-lua:
 *
 * - numbers turn into text as gopher-lua prints them (`tostring`, `..`,
 *   `string.format`, `table.concat`): an integral value without `.0`
 *   (`10/2` is `5`), any other with Go's shortest `%v` form;
 * - `%` computes in float64 as gopher-lua does (`n % 0` is NaN, no error);
 * - `tonumber` parses as gopher-lua does (`"1e3"` has no `.` and is no
 *   number there, `"0x1F"` is hexadecimal, out-of-range integers fail);
 * - `string.format` follows Go's `fmt` as gopher-lua hands it the values
 *   (`%d` truncates a float, `%s` of a number has no `.0`, `%v` works, a
 *   missing argument gives `%!d(MISSING)`);
 * - Lua 5.1 names that Lua 5.4 dropped: `unpack`, `table.getn`,
 *   `table.maxn`, `math.pow`, `math.mod`, `math.log10`, `math.ldexp`,
 *   `math.frexp`, `math.cosh`, `math.sinh`, `math.tanh`, `math.atan2`,
 *   `string.gfind`, `loadstring`, `getfenv`, `setfenv`; `table.insert` and
 *   `table.remove` accept the positions gopher-lua accepts;
 * - `os.time` and `os.date` follow gopher-lua's (missing date fields default
 *   instead of failing, numeric strings are read, `os.date` formats with
 *   gopher-lua's table of `%` directives and `*t` gives a 0-based `wday`);
 * - `pairs` visits keys in gopher-lua's order (array part, then the order
 *   the keys were first set), for tables the script constructs;
 * - `require("json")` gives the gopher-json module Argo CD preloads
 *   (`json.decode`, `json.encode`), `require` of an opened library gives it.
 *
 * Files, processes, file modules and `debug` are taken away. Each run gets a
 * fresh global table, so no state leaks between objects.
 *
 * The script's result is checked the way Argo CD reads it (gopher-json
 * encoding, then Go's `json.Unmarshal` into `{status, message}`): a value
 * that JSON cannot encode is an error; no table, an empty table, a list or a
 * `status`/`message` that is not a string is "no health" (nil).
 *
 * The prelude is one Lua chunk: the captured locals, then the parts in
 * `prelude/`, in order; each part may use the locals of those before it.
 */
export const GOPHER_LUA_PRELUDE = [
  CAPTURED_LOCALS,
  NUMBERS_LUA,
  STRING_FORMAT_LUA,
  TABLE_LIBRARY_LUA,
  OS_TIME_LUA,
  JSON_MODULE_LUA,
  LUA51_NAMES_LUA,
  TABLE_ORDER_LUA,
  SANDBOX_LUA,
  SCRIPT_RUN_LUA,
].join('');
