/**
 * Lua code run once in every VM before a health script is compiled. It makes
 * Lua 5.4 behave like the VM Argo CD runs health scripts on: gopher-lua, a
 * Lua 5.1 implementation whose numbers are all float64 and whose libraries
 * are written in Go. What a script can observe follows gopher-lua:
 *
 * - numbers turn into text as gopher-lua prints them (`tostring`, `..`,
 *   `string.format`, `table.concat`): an integral value without `.0`
 *   (`10/2` is `5`), any other with Go's shortest `%v` form;
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
 *   gopher-lua's table of `%` directives and `*t` gives a 0-based `wday`).
 *
 * Files, processes, modules and `debug` are taken away. Each run gets a
 * fresh global table, so no state leaks between objects.
 *
 * The script's result is checked the way Argo CD reads it (gopher-json
 * encoding, then Go's `json.Unmarshal` into `{status, message}`): a value
 * that JSON cannot encode is an error; no table, an empty table, a list or a
 * `status`/`message` that is not a string is "no health" (nil).
 */
export const GOPHER_LUA_PRELUDE = String.raw`
local source, original, name = __slipway_source, __slipway_original, __slipway_name
__slipway_source, __slipway_original, __slipway_name = nil, nil, nil

local type, next, select, error, rawget, rawset, ipairs, pairs =
      type, next, select, error, rawget, rawset, ipairs, pairs
local getmetatable, setmetatable, pcall = getmetatable, setmetatable, pcall
local math_type, tointeger, floor, huge = math.type, math.tointeger, math.floor, math.huge
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

local TWO63 = 9223372036854775808.0

-- Go's strconv.FormatFloat(n, 'g', -1, 64), which fmt's %v and %g use: the
-- shortest digits that read back as n, in exponent form below 1e-4 or from 1e6 on.
local function goshortest(n)
  if n ~= n then return "NaN" end
  if n == huge then return "+Inf" end
  if n == -huge then return "-Inf" end
  if n == 0 then return (1 / n < 0) and "-0" or "0" end
  local p, e = 0
  repeat
    e = sformat("%." .. p .. "e", n)
    p = p + 1
  until native_tonumber(e) == n or p > 17
  local exp = native_tonumber(smatch(e, "e([-+]%d+)$"))
  if exp < -4 or exp >= 6 then return e end
  local decimals = p - 1 - exp
  if decimals < 0 then decimals = 0 end
  return sformat("%." .. decimals .. "f", n)
end

-- gopher-lua's LNumber.String(): an integral value as an integer, others as Go's %v.
local function gonum(n)
  if math_type(n) == "integer" then return sformat("%d", n) end
  if n == floor(n) and n >= -TWO63 and n < TWO63 then return sformat("%d", tointeger(n)) end
  return goshortest(n)
end

local function gotostring(v)
  if type(v) == "number" then return gonum(v) end
  return native_tostring(v)
end

-- Go's int64(f) of a float64 (truncation; NaN and overflow give the minimum int64).
local function trunc(n)
  if math_type(n) == "integer" then return n end
  if n ~= n or n >= TWO63 or n < -TWO63 then return mininteger end
  if n >= 0 then return tointeger(floor(n)) end
  return -tointeger(floor(-n))
end

-- a .. b, as gopher-lua concatenates: numbers without .0.
local function concat2(a, b)
  local ta, tb = type(a), type(b)
  if (ta == "string" or ta == "number") and (tb == "string" or tb == "number") then
    if ta == "number" then a = gonum(a) end
    if tb == "number" then b = gonum(b) end
    return a .. b
  end
  local ma, mb = getmetatable(a), getmetatable(b)
  if (type(ma) == "table" and rawget(ma, "__concat")) or (type(mb) == "table" and rawget(mb, "__concat")) then
    return a .. b
  end
  error(sformat("cannot perform concat operation between %s and %s", ta, tb), 3)
end

-- a .. b .. c: Lua concatenates a chain from the right.
local function concat(...)
  local n = select("#", ...)
  local result = select(n, ...)
  for i = n - 1, 1, -1 do
    result = concat2((select(i, ...)), result)
  end
  return result
end
__slipway_concat = concat

-- Go's strconv.ParseInt(s, base, 64).
local function parseint(s, base)
  if base < 2 or base > 36 then return nil end
  local neg = false
  local c = ssub(s, 1, 1)
  if c == "+" or c == "-" then
    neg = c == "-"
    s = ssub(s, 2)
  end
  if s == "" then return nil end
  local acc = 0
  for i = 1, #s do
    local b = sbyte(s, i)
    local d
    if b >= 48 and b <= 57 then d = b - 48
    elseif b >= 97 and b <= 122 then d = b - 87
    elseif b >= 65 and b <= 90 then d = b - 55
    else return nil end
    if d >= base then return nil end
    if acc < (mininteger + d + base - 1) // base then return nil end
    acc = acc * base - d
  end
  if neg then return acc end
  if acc == mininteger then return nil end
  return -acc
end

-- Go's strconv.ParseFloat(s, 64) (out of range is an error).
local function parsefloat(s)
  local l = slower(s)
  local unsigned = sgsub(l, "^[-+]", "")
  local v
  if unsigned == "inf" or unsigned == "infinity" then
    v = huge
    if ssub(l, 1, 1) == "-" then v = -huge end
    return v
  elseif unsigned == "nan" then
    return 0 / 0
  elseif smatch(unsigned, "^0x") then
    if not smatch(unsigned, "^0x%x*%.?%x*p[-+]?%d+$") or not smatch(unsigned, "%x", 3) then return nil end
  else
    if not smatch(unsigned, "^%d*%.?%d*$") and not smatch(unsigned, "^%d*%.?%d*e[-+]?%d+$") then return nil end
    if not smatch(unsigned, "^%.?%d") then return nil end
  end
  v = native_tonumber(s)
  if v == nil or v == huge or v == -huge then return nil end
  return v + 0.0
end

-- gopher-lua's parseNumber: ParseInt with base 0 (0x, 0o, 0b, leading 0 is octal), else ParseFloat.
local function parsenumber(s)
  s = sgsub(sgsub(s, "^[ \t\n]+", ""), "[ \t\n]+$", "")
  local sign, body = smatch(s, "^([-+]?)(.*)$")
  local l = slower(body)
  local v
  if smatch(l, "^0x") then v = parseint(sign .. ssub(body, 3), 16)
  elseif smatch(l, "^0b") then v = parseint(sign .. ssub(body, 3), 2)
  elseif smatch(l, "^0o") then v = parseint(sign .. ssub(body, 3), 8)
  elseif smatch(l, "^0%d") then v = parseint(sign .. ssub(body, 2), 8)
  else v = parseint(s, 10) end
  if v ~= nil then return v end
  return parsefloat(s)
end

local function gotonumber(v, base)
  local noBase = base == nil
  if base ~= nil then base = trunc(native_tonumber(base) or 10) else base = 10 end
  local t = type(v)
  if t == "number" then return v end
  if t ~= "string" then return nil end
  local s = sgsub(sgsub(v, "^[ \n\t]+", ""), "[ \n\t]+$", "")
  if sfind(s, ".", 1, true) then return parsefloat(s) end
  if noBase and slower(ssub(s, 1, 2)) == "0x" then
    base, s = 16, ssub(s, 3)
  end
  return parseint(s, base)
end

-- string.format as gopher-lua does it: Go's fmt.Sprintf over the Lua values.
local GO_TYPE = { number = "lua.LNumber", string = "lua.LString", boolean = "lua.LBool",
  ["nil"] = "*lua.LNilType", table = "*lua.LTable", ["function"] = "*lua.LFunction",
  userdata = "*lua.LUserData", thread = "*lua.LState" }

local function pad(s, flags, width)
  width = native_tonumber(width)
  if not width or #s >= width then return s end
  if sfind(flags, "-", 1, true) then return s .. srep(" ", width - #s) end
  if sfind(flags, "0", 1, true) then return srep("0", width - #s) .. s end
  return srep(" ", width - #s) .. s
end

local function cformat(flags, width, prec, verb, value)
  local spec = "%" .. flags .. width .. (prec and ("." .. prec) or "") .. verb
  local ok, out = pcall(sformat, spec, value)
  if ok then return out end
  return pad(sformat("%" .. (prec and ("." .. prec) or "") .. verb, value), flags, width)
end

local function goquote(s)
  local out = sgsub(s, '[%c"\\\128-\255]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    if c == "\n" then return "\\n" end
    if c == "\t" then return "\\t" end
    if c == "\r" then return "\\r" end
    if sbyte(c) >= 128 then return c end
    return sformat("\\x%02x", sbyte(c))
  end)
  return '"' .. out .. '"'
end

local function badverb(verb, v)
  return "%!" .. verb .. "(" .. GO_TYPE[type(v)] .. "=" .. gotostring(v) .. ")"
end

local function goformat(fmt, ...)
  if type(fmt) == "number" then fmt = gonum(fmt) end
  if type(fmt) ~= "string" then
    error("bad argument #1 to format (string expected, got " .. type(fmt) .. ")", 2)
  end
  local nargs = select("#", ...)
  local args = { ... }
  local out = {}
  local argi = 0
  local i, n = 1, #fmt
  while i <= n do
    local pct = sfind(fmt, "%", i, true)
    if not pct then
      out[#out + 1] = ssub(fmt, i)
      break
    end
    out[#out + 1] = ssub(fmt, i, pct - 1)
    if ssub(fmt, pct + 1, pct + 1) == "%" then
      out[#out + 1] = "%"
      i = pct + 2
    else
      local flags, width, dot, prec, verb, after = smatch(fmt, "^([-+# 0]*)(%d*)(%.?)(%d*)(.?)()", pct + 1)
      if dot == "" then prec = nil elseif prec == "" then prec = "0" end
      i = after
      if verb == "" then
        out[#out + 1] = "%!(NOVERB)"
      else
        argi = argi + 1
        if argi > nargs then
          out[#out + 1] = "%!" .. verb .. "(MISSING)"
        else
          local v = args[argi]
          local t = type(v)
          local s
          if verb == "d" or verb == "i" then
            if t == "number" then s = cformat(flags, width, prec, "d", trunc(v))
            elseif t == "string" then
              if parsenumber(v) ~= nil then s = pad(prec and ssub(v, 1, native_tonumber(prec)) or v, flags, width)
              else s = cformat(flags, width, prec, "d", 0) end
            else s = badverb(verb, v) end
          elseif verb == "x" or verb == "X" or verb == "o" then
            if t == "number" then
              local iv = trunc(v)
              if iv < 0 and iv ~= mininteger then s = "-" .. cformat(flags, width, prec, verb, -iv)
              else s = cformat(flags, width, prec, verb, iv) end
            elseif t == "string" and verb ~= "o" then
              s = pad(sgsub(v, ".", function(c) return sformat(verb == "x" and "%02x" or "%02X", sbyte(c)) end), flags, width)
            else s = badverb(verb, v) end
          elseif verb == "c" then
            if t == "number" then
              local iv = trunc(v)
              if iv < 0 or iv > 0x10FFFF then iv = 0xFFFD end
              s = pad(utf8_char(iv), flags, width)
            else s = badverb(verb, v) end
          elseif verb == "e" or verb == "E" or verb == "f" or verb == "F" or verb == "g" or verb == "G" then
            if t == "number" then
              local f = v + 0.0
              if (verb == "g" or verb == "G") and prec == nil then
                local g = goshortest(f)
                if verb == "G" then g = string.upper(g) end
                if sfind(flags, "+", 1, true) and f >= 0 then g = "+" .. g end
                s = pad(g, flags, width)
              elseif f ~= f or f == huge or f == -huge then
                s = pad(goshortest(f), flags, width)
              else
                s = cformat(flags, width, prec, verb == "F" and "f" or verb, f)
              end
            else s = badverb(verb, v) end
          elseif verb == "s" or verb == "v" then
            s = gotostring(v)
            if prec then s = ssub(s, 1, native_tonumber(prec)) end
            s = pad(s, flags, width)
          elseif verb == "q" then
            s = pad(goquote(gotostring(v)), flags, width)
          elseif verb == "t" then
            if t == "boolean" then s = pad(native_tostring(v), flags, width) else s = badverb(verb, v) end
          elseif verb == "T" then
            s = pad(GO_TYPE[t], flags, width)
          else
            s = badverb(verb, v)
          end
          out[#out + 1] = s
        end
      end
    end
  end
  return native_concat(out)
end

-- table.concat as gopher-lua does it (numbers without .0, its index clamping).
local function gotableconcat(t, sep, i, j)
  local len = #t
  sep = sep == nil and "" or sep
  if type(sep) == "number" then sep = gonum(sep) end
  if i ~= nil and j == nil then
    if i > len or i < 1 then return "" end
  end
  i = i or 1
  j = j or len
  if i > len then i = len end
  if i < 1 then i = 1 end
  if j > len then j = len end
  if i > j then return "" end
  local parts = {}
  for k = i, j do
    local v = rawget(t, k)
    local tv = type(v)
    if tv == "number" then v = gonum(v)
    elseif tv ~= "string" then
      error(sformat("cannot perform concat operation between %s and string", tv), 2)
    end
    parts[#parts + 1] = v
  end
  return native_concat(parts, sep)
end

local function gotableinsert(t, ...)
  local n = select("#", ...)
  if n == 0 then error("wrong number of arguments", 2) end
  if n == 1 then
    local v = ...
    if v ~= nil then rawset(t, #t + 1, v) end
    return
  end
  local pos, v = ...
  pos = trunc(pos)
  local len = #t
  if pos > len or pos <= 0 then
    rawset(t, pos, v)
    return
  end
  native_insert(t, pos, v)
end

local function gotableremove(t, pos)
  local len = #t
  if len == 0 then return nil end
  if pos == nil then return native_remove(t) end
  pos = trunc(pos)
  if pos > len then return nil end
  if pos < 1 or pos == len then return native_remove(t) end
  return native_remove(t, pos)
end

local function gotablemaxn(t)
  local max = 0
  for k in next, t do
    if type(k) == "number" and k > max then max = k end
  end
  return max
end

-- os.time / os.date as gopher-lua's os library has them.
local function intfield(t, key, default)
  local v = rawget(t, key)
  if type(v) == "number" then return trunc(v) end
  if type(v) == "string" then
    local s = sgsub(v, "^ +", "")
    if ssub(s, 1, 1) == "0" and slower(ssub(s, 1, 2)) ~= "0x" then
      s = sgsub(s, "^0+", "")
      if s == "" then return 0 end
    end
    local num = parsenumber(s)
    if num ~= nil then return trunc(num) end
  end
  return default
end

local function gotime(t)
  if t == nil then return native_time() end
  if type(t) ~= "table" then
    error("bad argument #1 to time (table expected, got " .. type(t) .. ")", 2)
  end
  return native_time({
    year = intfield(t, "year", -1), month = intfield(t, "month", -1), day = intfield(t, "day", -1),
    hour = intfield(t, "hour", 12), min = intfield(t, "min", 0), sec = intfield(t, "sec", 0),
  })
end

local WEEKDAYS = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" }
local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }

-- Go prints the zone's abbreviation ("UTC", "CET"); the C library may give its long name.
local function zone_abbreviation(secs)
  local z = native_date("%Z", secs)
  if #z <= 6 and not sfind(z, "%s") then return z end
  if sfind(z, "Universal", 1, true) then return "UTC" end
  z = sgsub(z, "European Standard Time", "European Time")
  return (sgsub(z, "(%a)%a*%s*", "%1"))
end

local function godate(...)
  local nargs = select("#", ...)
  local fmt, when = ...
  local utc, secs = false, nil
  if nargs >= 1 then
    if type(fmt) == "number" then fmt = gonum(fmt) end
    if type(fmt) ~= "string" then
      error("bad argument #1 to date (string expected, got " .. type(fmt) .. ")", 2)
    end
    if ssub(fmt, 1, 1) == "!" then
      utc = true
      fmt = sgsub(fmt, "^!+", "")
    end
    if nargs >= 2 then
      if type(when) ~= "number" then
        error("bad argument #2 to date (number expected, got " .. type(when) .. ")", 2)
      end
      secs = trunc(when)
      utc = false
    end
  else
    fmt = "%c"
  end
  secs = secs or native_time()
  local c = native_date(utc and "!*t" or "*t", secs)
  if ssub(fmt, 1, 2) == "*t" then
    return { year = c.year, month = c.month, day = c.day, hour = c.hour, min = c.min, sec = c.sec,
      wday = c.wday - 1, yday = 0, isdst = false }
  end
  local zone = utc and "UTC" or zone_abbreviation(secs)
  local offset = utc and "+0000" or native_date("%z", secs)
  local h12 = c.hour % 12
  if h12 == 0 then h12 = 12 end
  local directives = {
    a = "mon", A = WEEKDAYS[c.wday], b = ssub(MONTHS[c.month], 1, 3), B = MONTHS[c.month],
    c = sformat("%02d %s %02d %02d:%02d %s", c.day, ssub(MONTHS[c.month], 1, 3), c.year % 100, c.hour, c.min, zone),
    d = sformat("%02d", c.day), F = sformat("%04d-%02d-%02d", c.year, c.month, c.day),
    H = sformat("%02d", c.hour), I = sformat("%02d", h12), m = sformat("%02d", c.month),
    M = sformat("%02d", c.min), p = c.hour < 12 and "AM" or "PM", P = c.hour < 12 and "am" or "pm",
    S = sformat("%02d", c.sec), y = sformat("%02d", c.year % 100), Y = sformat("%04d", c.year),
    z = offset, Z = zone, w = sformat("%d", c.wday - 1),
  }
  local out = {}
  local i, n = 1, #fmt
  while i <= n do
    local ch = ssub(fmt, i, i)
    if ch == "%" and i < n then
      local flag = ssub(fmt, i + 1, i + 1)
      if flag == "%" then out[#out + 1] = "%"
      else out[#out + 1] = directives[flag] or ("%" .. flag) end
      i = i + 2
    else
      out[#out + 1] = ch
      i = i + 1
    end
  end
  return native_concat(out)
end

local function godifftime(a, b)
  if type(a) ~= "number" or type(b) ~= "number" then
    error("bad argument to difftime (number expected)", 2)
  end
  return trunc(a) - trunc(b)
end

-- Lua 5.1 names that Lua 5.4 dropped.
local function frexp(x)
  if x == 0 or x ~= x or x == huge or x == -huge then return x + 0.0, 0 end
  local e = floor(math.log(math.abs(x), 2)) + 1
  local m = x / 2.0 ^ e
  if math.abs(m) >= 1 then m, e = m / 2, e + 1 elseif math.abs(m) < 0.5 then m, e = m * 2, e - 1 end
  return m, tointeger(e)
end
math.pow = function(a, b) return a ^ b end
math.mod = function(a, b) return a % b end
math.log10 = function(x) return math.log(x, 10) end
math.ldexp = function(m, e) return m * 2.0 ^ e end
math.frexp = frexp
math.cosh = function(x) return (math.exp(x) + math.exp(-x)) / 2 end
math.sinh = function(x) return (math.exp(x) - math.exp(-x)) / 2 end
math.tanh = function(x)
  if x > 20 then return 1.0 elseif x < -20 then return -1.0 end
  local a, b = math.exp(x), math.exp(-x)
  return (a - b) / (a + b)
end
math.atan2 = function(y, x) return math.atan(y, x) end
string.gfind = string.gmatch
string.dump = function() error("GopherLua does not support the string.dump", 2) end
string.format = goformat
table.getn = function(t) return #t end
table.maxn = gotablemaxn
table.concat = gotableconcat
table.insert = gotableinsert
table.remove = gotableremove
unpack = native_unpack
tostring = gotostring
tonumber = gotonumber
_VERSION = "Lua 5.1"

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

-- Argo CD encodes the result with gopher-json and unmarshals it into {status, message}.
local function check_json(v, seen)
  local t = type(v)
  if t == "number" then
    if v ~= v or v == huge or v == -huge then error("json: unsupported value: " .. gonum(v), 0) end
    return
  end
  if t == "nil" or t == "boolean" or t == "string" then return end
  if t ~= "table" then error("cannot encode " .. t .. " to JSON", 0) end
  if seen[v] then error("cannot encode recursively nested tables to JSON", 0) end
  seen[v] = true
  local first = next(v)
  if first == nil then return end
  if type(first) == "number" then
    local count = 0
    for key in next, v do
      if type(key) ~= "number" then error("cannot encode mixed or invalid key types", 0) end
      count = count + 1
    end
    for index = 1, count do
      if rawget(v, index) == nil then error("cannot encode sparse array", 0) end
    end
  else
    for key in next, v do
      if type(key) ~= "string" then error("cannot encode mixed or invalid key types", 0) end
    end
  end
  for _, value in next, v do check_json(value, seen) end
end

local function read_result(r)
  if r == nil then return nil end
  local t = type(r)
  if t ~= "table" then error("expect table output from Lua script, not " .. t, 0) end
  check_json(r, {})
  local first = next(r)
  if first == nil or type(first) == "number" then return nil end
  local keys = {}
  for key in next, r do keys[#keys + 1] = key end
  native_sort(keys)
  local status, message
  for _, key in ipairs(keys) do
    local field = slower(key)
    if field == "status" or field == "message" then
      local value = rawget(r, key)
      if type(value) ~= "string" then return nil end
      if field == "status" then status = value else message = value end
    end
  end
  return { status = status or "", message = message or "" }
end

local FLOAT_MARK = "__slipway_float__:"
local function unmark_floats(t)
  for k, v in next, t do
    if type(v) == "table" then unmark_floats(v)
    elseif type(v) == "string" and ssub(v, 1, #FLOAT_MARK) == FLOAT_MARK then
      rawset(t, k, native_tonumber(ssub(v, #FLOAT_MARK + 1)) + 0.0)
    end
  end
end

-- The adapted source (see lua51Source.ts); the script as written when that does not compile.
local chunk = native_load(source, "=" .. name, "t", env) or assert(native_load(original, "=" .. name, "t", env))
local keep_env = function() return env end
__slipway_run = function(input, has_float_marks)
  dbg_upvaluejoin(chunk, 1, keep_env, 1)
  for k in next, env do env[k] = nil end
  if has_float_marks then unmark_floats(input) end
  env.obj = input
  env._G = env
  return read_result(chunk())
end
`;

/** The prefix that marks a number too large for a Lua integer (read back as a float in Lua). */
export const FLOAT_MARK = '__slipway_float__:';
