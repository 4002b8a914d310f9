/**
 * Prelude part: the sandbox. Files, processes and `debug` are taken away,
 * `os` keeps gopher-lua's time functions only, and scripts run in their own
 * environment table `env` (reading through to `_G`), with text-only
 * `load`/`loadstring` and Lua 5.1's `getfenv`/`setfenv` over it.
 *
 * `require` is gopher-lua's over the modules Argo CD gives health scripts:
 * the opened libraries (`string`, `table`, `math`, `os`, `coroutine`, `_G`)
 * and the preloaded `json` (gopher-json, see `jsonModule.ts`) and `os`. No
 * module is read from files. `package.loaded` and `package.preload` are new
 * for each run (`reset_modules`), as a new gopher-lua state has them.
 *
 * Uses the os part (`gotime`, `godate`, `godifftime`) and the json part
 * (`json_loader`); defines `env` and `reset_modules`.
 */
export const SANDBOX_LUA = String.raw`
-- The sandbox: no files, processes, modules or debug library.
io = nil
package = nil
dofile = nil
loadfile = nil
debug = nil
collectgarbage = nil
os = { time = gotime, date = godate, clock = native_clock, difftime = godifftime }

local env = setmetatable({}, { __index = _G })

-- require as gopher-lua's: package.loaded first, then package.preload; no files.
local LOADING = {}
local loaded, preload
local function reset_modules()
  loaded = { _G = env, string = string, table = table, math = math, os = os, coroutine = coroutine }
  preload = {
    json = json_loader,
    os = function() return { time = gotime, date = godate } end,
  }
  rawset(env, "package", { loaded = loaded, preload = preload, path = "", cpath = "" })
end

require = function(name)
  if type(name) == "number" then name = gonum(name) end
  if type(name) ~= "string" then
    error("bad argument #1 to require (string expected, got " .. (name == nil and "no value" or type(name)) .. ")", 2)
  end
  local module = loaded[name]
  if module then
    if module == LOADING then error("loop or previous error loading module: " .. name, 2) end
    return module
  end
  local loader = preload[name]
  if loader == nil then
    error("module " .. name .. " not found:\n\tno field package.preload['" .. name .. "']", 2)
  end
  loaded[name] = LOADING
  local result = loader(name)
  if loaded[name] ~= LOADING then return loaded[name] end
  if result == nil then result = true end
  loaded[name] = result
  return result
end

local function text_load(chunk, chunkname, mode, chunkenv)
  return native_load(chunk, chunkname, "t", chunkenv == nil and env or chunkenv)
end
load = text_load
loadstring = function(s, chunkname)
  return text_load(s, "=" .. (chunkname or "<string>"))
end

local function env_upvalue(f)
  local i = 1
  while true do
    local upname = dbg_getupvalue(f, i)
    if upname == nil then return nil end
    if upname == "_ENV" then return i end
    i = i + 1
  end
end

local function level_function(level, fname)
  if type(level) ~= "number" then return level end
  if level < 0 then error("bad argument #1 to '" .. fname .. "' (level must be non-negative)", 3) end
  if level == 0 then return nil end
  local info = dbg_getinfo(level + 2, "f")
  if info == nil then error("bad argument #1 to '" .. fname .. "' (invalid level)", 3) end
  return info.func
end

getfenv = function(f)
  f = level_function(f == nil and 1 or f, "getfenv")
  if type(f) == "function" then
    local i = env_upvalue(f)
    if i then
      local _, value = dbg_getupvalue(f, i)
      return value
    end
  end
  return env
end

setfenv = function(f, t)
  if type(t) ~= "table" then
    error("bad argument #2 to 'setfenv' (table expected, got " .. type(t) .. ")", 2)
  end
  f = level_function(f, "setfenv")
  if type(f) ~= "function" or dbg_getinfo(f, "S").what == "C" then
    error("cannot change the environment of given object", 2)
  end
  local i = env_upvalue(f)
  if i then dbg_upvaluejoin(f, i, function() return t end, 1) end
  return f
end
`;
