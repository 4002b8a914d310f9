/**
 * Prelude part: `string.format` as gopher-lua does it, Go's `fmt.Sprintf`
 * over the Lua values (`%d` truncates a float, `%s` of a number has no `.0`,
 * `%v` works, a missing argument gives `%!d(MISSING)`, a wrong verb gives
 * Go's `%!x(lua.LBool=true)`).
 *
 * Uses the number part (`gonum`, `goshortest`, `gotostring`, `trunc`,
 * `parsenumber`); defines `goformat`.
 */
export const STRING_FORMAT_LUA = String.raw`
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
`;
