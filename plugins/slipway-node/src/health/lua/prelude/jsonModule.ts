/**
 * Prelude part: the `json` module that Argo CD preloads for health scripts
 * (`local json = require("json")`, util/lua `PreloadModule("json",
 * luajson.Loader)`): layeh.com/gopher-json at the version Argo CD pins
 * (v0.0.0-20201124131017-552bb3c4c3bf).
 *
 * - `json.decode(s)` reads `s` as Go's `json.Unmarshal` into `interface{}`
 *   does (strict syntax, numbers as float64, invalid UTF-8 and lone
 *   surrogates as U+FFFD) and turns it into Lua values as gopher-json's
 *   `DecodeValue` does (`null` is nil, so a null field is absent and a null
 *   list item is skipped). Bad JSON gives `nil` and Go's error text.
 * - `json.encode(v)` writes `v` as gopher-json's `jsonValue.MarshalJSON`
 *   through Go's `json.Marshal` (sorted object keys, HTML-safe string
 *   escapes, Go's float formatting; an empty table is `[]`). What cannot be
 *   encoded gives `nil` and the error text, wrapped as Go wraps it.
 * - both take exactly one argument (`bad argument #1 to decode` otherwise).
 *
 * Uses the number part (`gonum`); defines `json_loader`, which makes a new
 * module table (gopher-lua's loader does, once per state).
 */
export const JSON_MODULE_LUA = String.raw`
-- Go's quoteChar (encoding/json scanner errors) of one byte.
local QUOTE_ESCAPES = { [7] = "\\a", [8] = "\\b", [9] = "\\t", [10] = "\\n", [11] = "\\v",
  [12] = "\\f", [13] = "\\r", [92] = "\\\\" }
local function json_quotechar(c)
  if c == "'" then return "'\\''" end
  if c == '"' then return "'\"'" end
  local b = sbyte(c)
  if QUOTE_ESCAPES[b] then return "'" .. QUOTE_ESCAPES[b] .. "'" end
  if b < 32 or b == 127 then return sformat("'\\x%02x'", b) end
  if b < 128 then return "'" .. c .. "'" end
  if b < 160 or b == 173 then return sformat("'\\u%04x'", b) end
  return "'" .. utf8_char(b) .. "'"
end

local JSON_ESCAPES = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
local TWO63F = 9223372036854775808.0

-- Go's utf8.DecodeRune at i: the byte length of a valid sequence, or nil.
local function utf8_valid_len(s, i)
  local b1, b2, b3, b4 = sbyte(s, i, i + 3)
  local function cont(b, lo, hi) return b ~= nil and b >= (lo or 0x80) and b <= (hi or 0xBF) end
  if b1 >= 0xC2 and b1 <= 0xDF then return cont(b2) and 2 or nil end
  if b1 >= 0xE0 and b1 <= 0xEF then
    local lo, hi = 0x80, 0xBF
    if b1 == 0xE0 then lo = 0xA0 elseif b1 == 0xED then hi = 0x9F end
    return (cont(b2, lo, hi) and cont(b3)) and 3 or nil
  end
  if b1 >= 0xF0 and b1 <= 0xF4 then
    local lo, hi = 0x80, 0xBF
    if b1 == 0xF0 then lo = 0x90 elseif b1 == 0xF4 then hi = 0x8F end
    return (cont(b2, lo, hi) and cont(b3) and cont(b4)) and 4 or nil
  end
  return nil
end

-- json.Unmarshal into interface{}, then gopher-json's DecodeValue.
local function json_decode(s)
  local pos, len = 1, #s
  local range_error
  local function fail(msg) error({ json_error = msg }, 0) end
  local function syntax(context)
    if pos > len then fail("unexpected end of JSON input") end
    fail("invalid character " .. json_quotechar(ssub(s, pos, pos)) .. " " .. context)
  end
  local function skip() pos = sfind(s, "[^ \t\n\r]", pos) or len + 1 end
  local function digits() pos = sfind(s, "[^0-9]", pos) or len + 1 end
  local function isdigit(at) local b = sbyte(s, at) return b ~= nil and b >= 48 and b <= 57 end
  local function hex4(at)
    local h = ssub(s, at, at + 3)
    if #h == 4 and not sfind(h, "[^0-9a-fA-F]") then return native_tonumber(h, 16) end
    return nil
  end
  local value

  local function str()
    pos = pos + 1
    local parts = {}
    while true do
      local at = sfind(s, '[\0-\31"\\\128-\255]', pos)
      if at == nil then pos = len + 1 syntax("in string literal") end
      parts[#parts + 1] = ssub(s, pos, at - 1)
      pos = at
      local c = ssub(s, at, at)
      local b = sbyte(c)
      if c == '"' then
        pos = pos + 1
        return native_concat(parts)
      elseif c == "\\" then
        pos = pos + 1
        local e = ssub(s, pos, pos)
        if JSON_ESCAPES[e] then
          parts[#parts + 1] = JSON_ESCAPES[e]
          pos = pos + 1
        elseif e == "u" then
          pos = pos + 1
          for k = 0, 3 do
            local h = ssub(s, pos + k, pos + k)
            if h == "" or sfind(h, "[^0-9a-fA-F]") then pos = pos + k syntax("in \\u hexadecimal character escape") end
          end
          local r = native_tonumber(ssub(s, pos, pos + 3), 16)
          pos = pos + 4
          if r >= 0xD800 and r < 0xE000 then
            local r2 = ssub(s, pos, pos + 1) == "\\u" and hex4(pos + 2) or nil
            if r < 0xDC00 and r2 ~= nil and r2 >= 0xDC00 and r2 < 0xE000 then
              r = 0x10000 + (r - 0xD800) * 0x400 + (r2 - 0xDC00)
              pos = pos + 6
            else
              r = 0xFFFD
            end
          end
          parts[#parts + 1] = utf8_char(r)
        else
          syntax("in string escape code")
        end
      elseif b < 32 then
        syntax("in string literal")
      else
        local n = utf8_valid_len(s, pos)
        if n then
          parts[#parts + 1] = ssub(s, pos, pos + n - 1)
          pos = pos + n
        else
          parts[#parts + 1] = "\239\191\189"
          pos = pos + 1
        end
      end
    end
  end

  local function number()
    local start = pos
    if ssub(s, pos, pos) == "-" then pos = pos + 1 end
    if ssub(s, pos, pos) == "0" then
      pos = pos + 1
    elseif isdigit(pos) then
      digits()
    else
      syntax("in numeric literal")
    end
    if ssub(s, pos, pos) == "." then
      pos = pos + 1
      if not isdigit(pos) then syntax("after decimal point in numeric literal") end
      digits()
    end
    local e = ssub(s, pos, pos)
    if e == "e" or e == "E" then
      pos = pos + 1
      local sign = ssub(s, pos, pos)
      if sign == "+" or sign == "-" then pos = pos + 1 end
      if not isdigit(pos) then syntax("in exponent of numeric literal") end
      digits()
    end
    local text = ssub(s, start, pos - 1)
    local f = native_tonumber(text) + 0.0
    if f == 0 and ssub(text, 1, 1) == "-" then f = -0.0 end
    if f == huge or f == -huge then
      range_error = range_error or ("json: cannot unmarshal number " .. text .. " into Go value of type float64")
      return nil
    end
    -- a float64 with an integral value travels as a Lua integer, as the object's numbers do
    if f == floor(f) and f > -TWO63F and f < TWO63F and not (f == 0 and 1 / f < 0) then return tointeger(f) end
    return f
  end

  local function literal(word, v)
    for k = 2, #word do
      pos = pos + 1
      if ssub(s, pos, pos) ~= ssub(word, k, k) then
        syntax("in literal " .. word .. " (expecting " .. json_quotechar(ssub(word, k, k)) .. ")")
      end
    end
    pos = pos + 1
    return v
  end

  value = function()
    skip()
    local c = ssub(s, pos, pos)
    if c == "{" then
      pos = pos + 1
      local t = {}
      skip()
      if ssub(s, pos, pos) == "}" then pos = pos + 1 return t end
      while true do
        if ssub(s, pos, pos) ~= '"' then syntax("looking for beginning of object key string") end
        local key = str()
        skip()
        if ssub(s, pos, pos) ~= ":" then syntax("after object key") end
        pos = pos + 1
        t[key] = value()
        skip()
        local d = ssub(s, pos, pos)
        if d == "," then
          pos = pos + 1
          skip()
        elseif d == "}" then
          pos = pos + 1
          return t
        else
          syntax("after object key:value pair")
        end
      end
    elseif c == "[" then
      pos = pos + 1
      local t, n = {}, 0
      skip()
      if ssub(s, pos, pos) == "]" then pos = pos + 1 return t end
      while true do
        local v = value()
        if v ~= nil then
          n = n + 1
          t[n] = v
        end
        skip()
        local d = ssub(s, pos, pos)
        if d == "," then
          pos = pos + 1
        elseif d == "]" then
          pos = pos + 1
          return t
        else
          syntax("after array element")
        end
      end
    elseif c == '"' then
      return str()
    elseif c == "-" or isdigit(pos) then
      return number()
    elseif c == "t" then
      return literal("true", true)
    elseif c == "f" then
      return literal("false", false)
    elseif c == "n" then
      return literal("null", nil)
    end
    syntax("looking for beginning of value")
  end

  local ok, result = pcall(function()
    local v = value()
    skip()
    if pos <= len then syntax("after top-level value") end
    return v
  end)
  if not ok then
    if type(result) == "table" and result.json_error then return nil, result.json_error end
    error(result, 0)
  end
  if range_error then return nil, range_error end
  return result
end

-- Go's json.Marshal of a string (escapeHTML, invalid UTF-8 as \ufffd).
local JSON_SHORT = { [8] = "\\b", [9] = "\\t", [10] = "\\n", [12] = "\\f", [13] = "\\r", [34] = '\\"', [92] = "\\\\" }
local function json_string(s)
  local out = { '"' }
  local pos, len = 1, #s
  while pos <= len do
    local at = sfind(s, '[\0-\31"\\<>&\128-\255]', pos)
    if at == nil then
      out[#out + 1] = ssub(s, pos)
      break
    end
    out[#out + 1] = ssub(s, pos, at - 1)
    local b = sbyte(s, at)
    if b < 128 then
      out[#out + 1] = JSON_SHORT[b] or sformat("\\u%04x", b)
      pos = at + 1
    else
      local n = utf8_valid_len(s, at)
      if n == nil then
        out[#out + 1] = "\\ufffd"
        pos = at + 1
      else
        local seq = ssub(s, at, at + n - 1)
        if seq == "\226\128\168" then seq = "\\u2028" elseif seq == "\226\128\169" then seq = "\\u2029" end
        out[#out + 1] = seq
        pos = at + n
      end
    end
  end
  out[#out + 1] = '"'
  return native_concat(out)
end

-- Go's json.Marshal of a float64 ('f' form, 'e' form below 1e-6 and from 1e21 on).
local function json_number(n)
  if n ~= n or n == huge or n == -huge then
    return nil, "json: unsupported value: " .. gonum(n)
  end
  if math_type(n) == "integer" then n = n + 0.0 end
  if n == 0 then return (1 / n < 0) and "-0" or "0" end
  local abs = math.abs(n)
  local p, e = 0
  repeat
    e = sformat("%." .. p .. "e", n)
    p = p + 1
  until native_tonumber(e) == n or p > 17
  local mantissa, exp = smatch(e, "^(.-)e([-+]%d+)$")
  exp = native_tonumber(exp)
  if abs < 1e-6 or abs >= 1e21 then
    return mantissa .. "e" .. (exp < 0 and "-" or "+") .. sformat("%d", math.abs(exp))
  end
  local neg = ssub(mantissa, 1, 1) == "-"
  local digs = sgsub(mantissa, "[-.]", "")
  local out
  if exp >= #digs - 1 then
    out = digs .. srep("0", exp - #digs + 1)
  elseif exp >= 0 then
    out = ssub(digs, 1, exp + 1) .. "." .. ssub(digs, exp + 2)
  else
    out = "0." .. srep("0", -exp - 1) .. digs
  end
  return (neg and "-" or "") .. out
end

local JSON_ERROR_WRAP = "json: error calling MarshalJSON for type json.jsonValue: "
local GO_LUA_TYPE = { ["function"] = "function", userdata = "userdata", thread = "thread" }

-- gopher-json's jsonValue.MarshalJSON; an error is wrapped once per level, as Go's encoder does.
local function json_encode_value(v, visited)
  local t = type(v)
  if t == "nil" then return "null" end
  if t == "boolean" then return v and "true" or "false" end
  if t == "string" then return json_string(v) end
  if t == "number" then
    local out, err = json_number(v)
    if out == nil then return nil, JSON_ERROR_WRAP .. err end
    return out
  end
  if t ~= "table" then return nil, JSON_ERROR_WRAP .. "cannot encode " .. (GO_LUA_TYPE[t] or t) .. " to JSON" end
  if visited[v] then return nil, JSON_ERROR_WRAP .. "cannot encode recursively nested tables to JSON" end
  visited[v] = true
  local key = next(v)
  if key == nil then return "[]" end
  local parts = {}
  if type(key) == "number" then
    local count = 0
    for k in next, v do
      if type(k) ~= "number" then return nil, JSON_ERROR_WRAP .. "cannot encode mixed or invalid key types" end
      count = count + 1
    end
    for index = 1, count do
      if rawget(v, index) == nil then return nil, JSON_ERROR_WRAP .. "cannot encode sparse array" end
    end
    for index = 1, count do
      local out, err = json_encode_value(rawget(v, index), visited)
      if out == nil then return nil, JSON_ERROR_WRAP .. err end
      parts[index] = out
    end
    return "[" .. native_concat(parts, ",") .. "]"
  end
  if type(key) ~= "string" then return nil, JSON_ERROR_WRAP .. "cannot encode mixed or invalid key types" end
  local keys = {}
  for k in next, v do
    if type(k) ~= "string" then return nil, JSON_ERROR_WRAP .. "cannot encode mixed or invalid key types" end
    keys[#keys + 1] = k
  end
  native_sort(keys)
  for i, k in ipairs(keys) do
    local out, err = json_encode_value(rawget(v, k), visited)
    if out == nil then return nil, JSON_ERROR_WRAP .. err end
    parts[i] = json_string(k) .. ":" .. out
  end
  return "{" .. native_concat(parts, ",") .. "}"
end

local function json_loader()
  return {
    decode = function(...)
      if select("#", ...) ~= 1 then error("bad argument #1 to decode", 2) end
      local s = ...
      if type(s) == "number" then s = gonum(s) end
      if type(s) ~= "string" then
        error("bad argument #1 to decode (string expected, got " .. type(s) .. ")", 2)
      end
      return json_decode(s)
    end,
    encode = function(...)
      if select("#", ...) ~= 1 then error("bad argument #1 to encode", 2) end
      return json_encode_value((...), {})
    end,
  }
end
`;
