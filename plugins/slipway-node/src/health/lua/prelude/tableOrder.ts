/**
 * Prelude part: `pairs` visits a table's keys in gopher-lua's order. A
 * gopher-lua table keeps its positive integer keys (below 2^26) in an array
 * part, visited first in ascending order, and every other key in the order
 * it was first set (a key set to nil and set again keeps its place); Lua
 * 5.4 visits the hash part in hash order instead.
 *
 * Every table constructor of a script is rewritten into a call of
 * `__slipway_table` (see `lua51Source.ts`), which records the constructor's
 * keys in source order and gives the table a metatable whose `__newindex`
 * records each key set later. `pairs` then visits the integer keys, the
 * recorded keys, and last any key set around the record (`rawset`, a table
 * the script did not construct: the object and decoded JSON, whose order is
 * Go's random map order in Argo CD anyway) in Lua's own order.
 *
 * Uses the captured locals; defines the globals `__slipway_table` and
 * `pairs`.
 */
export const TABLE_ORDER_LUA = String.raw`
-- gopher-lua's pairs order: the array part, then keys in the order first set.
local ORDER = setmetatable({}, { __mode = "k" })
local MAX_ARRAY_INDEX = 67108864

local function record(t, k)
  local o = ORDER[t]
  if o ~= nil and o.index[k] == nil then
    o.n = o.n + 1
    o.keys[o.n] = k
    o.index[k] = o.n
  end
end

local ORDERED = { __newindex = function(t, k, v)
  if v ~= nil then record(t, k) end
  rawset(t, k, v)
end }

__slipway_table = function(t, keys)
  local o = { keys = {}, index = {}, n = 0 }
  ORDER[t] = o
  for i = 1, #keys do
    if rawget(t, keys[i]) ~= nil then record(t, keys[i]) end
  end
  return setmetatable(t, ORDERED)
end

local function is_array_key(k)
  return math_type(k) == "integer" and k >= 1 and k < MAX_ARRAY_INDEX
end

local function ordered_keys(t)
  local o = ORDER[t]
  local ints, rest = {}, {}
  for k in next, t do
    if is_array_key(k) then ints[#ints + 1] = k
    elseif o == nil or o.index[k] == nil then rest[#rest + 1] = k end
  end
  native_sort(ints)
  local keys = ints
  if o ~= nil then
    for i = 1, o.n do
      local k = o.keys[i]
      if not is_array_key(k) and rawget(t, k) ~= nil then keys[#keys + 1] = k end
    end
  end
  for i = 1, #rest do keys[#keys + 1] = rest[i] end
  return keys
end

_G.pairs = function(t)
  if type(t) ~= "table" then
    error("bad argument #1 to pairs (table expected, got " .. (t == nil and "nil" or type(t)) .. ")", 2)
  end
  local keys, i = ordered_keys(t), 0
  return function()
    while true do
      i = i + 1
      local k = keys[i]
      if k == nil then return nil end
      local v = rawget(t, k)
      if v ~= nil then return k, v end
    end
  end, t, nil
end
`;
