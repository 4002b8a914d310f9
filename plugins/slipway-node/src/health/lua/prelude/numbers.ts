/**
 * Prelude part: numbers as gopher-lua turns them into text and reads them
 * back. gopher-lua's numbers are all float64, so an integral value prints
 * without `.0` and any other in Go's shortest `%v` form (`gonum`,
 * `gotostring`); `..` goes through `__slipway_concat` (see `lua51Source.ts`)
 * to get that formatting, `%` through `__slipway_mod` to compute in float64
 * as gopher-lua does (`n % 0` is NaN, not an error); `tonumber` parses with Go's `strconv` rules
 * (`gotonumber`, `parsenumber`). `trunc` is Go's `int64(f)`.
 *
 * Uses the locals captured at the top of the prelude; defines `gonum`,
 * `goshortest`, `gotostring`, `trunc`, `parsenumber`, `gotonumber` for the
 * parts after it.
 */
export const NUMBERS_LUA = String.raw`
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

-- a % b, as gopher-lua computes it (luaModulo): in float64, so that n % 0 is
-- NaN where Lua 5.4's integer % raises an error; strings are read as
-- gopher-lua's arithmetic reads them (parseNumber).
local function mod(a, b)
  local na, nb = a, b
  if type(na) == "string" then na = parsenumber(na) end
  if type(nb) == "string" then nb = parsenumber(nb) end
  if type(na) == "number" and type(nb) == "number" then
    local fa, fb = na + 0.0, nb + 0.0
    local v = fmod(fa, fb)
    if (fb > 0 and v < 0) or (fb < 0 and v > 0) then v = v + fb end
    return v
  end
  local ma, mb = getmetatable(a), getmetatable(b)
  if (type(ma) == "table" and rawget(ma, "__mod")) or (type(mb) == "table" and rawget(mb, "__mod")) then
    return a % b
  end
  error(sformat("cannot perform mod operation between %s and %s", type(a), type(b)), 2)
end
__slipway_mod = mod
`;
