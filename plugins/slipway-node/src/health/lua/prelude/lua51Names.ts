/**
 * Prelude part: installs the library as gopher-lua has it. Lua 5.1 names
 * that Lua 5.4 dropped (`unpack`, `table.getn`, `table.maxn`, `math.pow`,
 * `math.mod`, `math.log10`, `math.ldexp`, `math.frexp`, `math.cosh`,
 * `math.sinh`, `math.tanh`, `math.atan2`, `string.gfind`), gopher-lua's
 * `string.dump` error, and the gopher-lua versions of `tostring`, `tonumber`,
 * `string.format` and the table functions that the parts before it define.
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
table.getn = function(t) return #t end
table.maxn = gotablemaxn
table.concat = gotableconcat
table.insert = gotableinsert
table.remove = gotableremove
unpack = native_unpack
tostring = gotostring
tonumber = gotonumber
_VERSION = "Lua 5.1"
`;
