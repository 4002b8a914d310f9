/**
 * Prelude part: gopher-lua's `table.concat` (numbers without `.0`, its index
 * clamping), `table.insert` and `table.remove` (the positions gopher-lua
 * accepts) and Lua 5.1's `table.maxn`.
 *
 * Uses the number part (`gonum`, `trunc`); defines `gotableconcat`,
 * `gotableinsert`, `gotableremove`, `gotablemaxn`.
 */
export const TABLE_LIBRARY_LUA = String.raw`
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
`;
