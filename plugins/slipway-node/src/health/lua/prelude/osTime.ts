/**
 * Prelude part: `os.time`, `os.date` and `os.difftime` as gopher-lua's os
 * library has them: missing date fields default instead of failing, numeric
 * strings are read, `os.date` formats with gopher-lua's table of `%`
 * directives and `*t` gives a 0-based `wday`.
 *
 * Uses the number part (`gonum`, `trunc`, `parsenumber`); defines `gotime`,
 * `godate`, `godifftime`.
 */
export const OS_TIME_LUA = String.raw`
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
    -- gopher-lua's %x is its Go layout "15/04/05": the time, not the date
    x = sformat("%02d/%02d/%02d", c.hour, c.min, c.sec), X = sformat("%02d:%02d:%02d", c.hour, c.min, c.sec),
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
`;
