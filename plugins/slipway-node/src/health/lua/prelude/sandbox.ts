/**
 * Prelude part: the sandbox. Files, processes, modules and `debug` are taken
 * away, `os` keeps gopher-lua's time functions only, and scripts run in
 * their own environment table `env` (reading through to `_G`), with text-only
 * `load`/`loadstring` and Lua 5.1's `getfenv`/`setfenv` over it.
 *
 * Uses the os part (`gotime`, `godate`, `godifftime`); defines `env`.
 */
export const SANDBOX_LUA = String.raw`
-- The sandbox: no files, processes, modules or debug library.
io = nil
package = nil
require = nil
dofile = nil
loadfile = nil
debug = nil
collectgarbage = nil
os = { time = gotime, date = godate, clock = native_clock, difftime = godifftime }

local env = setmetatable({}, { __index = _G })

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
