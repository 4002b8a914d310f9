/**
 * Prelude part: installs the library as gopher-lua has it. Lua 5.1 names
 * that Lua 5.4 dropped (`unpack`, `table.getn`, `table.maxn`, `math.pow`,
 * `math.mod`, `math.log10`, `math.ldexp`, `math.frexp`, `math.cosh`,
 * `math.sinh`, `math.tanh`, `math.atan2`, `string.gfind`), gopher-lua's
 * `string.dump` error, and the gopher-lua versions of `tostring`, `tonumber`,
 * `string.format` and the table functions that the parts before it define.
 * Integer arguments of the string functions, `select` and `unpack` are
 * truncated from floats as gopher-lua's `CheckInt` does.
 */
export const LUA51_NAMES_LUA = String.raw`
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
-- gopher-lua reads integer arguments as Go's int(float64): a float is
-- truncated (Lua 5.4 rejects one with a fraction).
local function intargs(fn, first, last)
  return function(...)
    local n = select("#", ...)
    local args = { ... }
    for i = first, last == nil and n or last do
      if math_type(args[i]) == "float" then args[i] = trunc(args[i]) end
    end
    return fn(native_unpack(args, 1, n))
  end
end
string.sub = intargs(string.sub, 2, 3)
string.rep = intargs(string.rep, 2, 2)
string.byte = intargs(string.byte, 2, 3)
string.char = intargs(string.char, 1)
string.find = intargs(string.find, 3, 3)
string.match = intargs(string.match, 3, 3)
string.gsub = intargs(string.gsub, 4, 4)
_G.select = intargs(select, 1, 1)
local unpack51 = intargs(native_unpack, 2, 3)
table.getn = function(t) return #t end
table.maxn = gotablemaxn
table.concat = gotableconcat
table.insert = gotableinsert
table.remove = gotableremove
unpack = unpack51
tostring = gotostring
tonumber = gotonumber
_VERSION = "Lua 5.1"
`;
