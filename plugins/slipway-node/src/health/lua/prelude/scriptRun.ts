/** The prefix that marks a number too large for a Lua integer (read back as a float in Lua). */
export const FLOAT_MARK = '__slipway_float__:';

/**
 * Prelude part: compiles the script and defines `__slipway_run`, which
 * runs a health script on one object with fresh globals, and
 * `__slipway_run_value`, which runs a resource action script and returns
 * its table as JSON. The result is checked the
 * way Argo CD reads it (gopher-json encoding, then Go's `json.Unmarshal` into
 * `{status, message}`): a value that JSON cannot encode is an error; no table,
 * an empty table, a list or a `status`/`message` that is not a string is "no
 * health" (nil).
 *
 * Uses the script's `source`, `original` and `name` captured at the top of
 * the prelude, the number part (`gonum`) and the sandbox (`env`,
 * `reset_modules`); comes last.
 */
export const SCRIPT_RUN_LUA = String.raw`
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

local FLOAT_MARK = "${FLOAT_MARK}"
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
  reset_modules()
  return read_result(chunk())
end

-- A resource action (util/lua ExecuteResourceAction): obj and actionParams in,
-- the returned table encoded as gopher-json encodes it (an empty table is []).
__slipway_run_value = function(input, has_float_marks, params)
  dbg_upvaluejoin(chunk, 1, keep_env, 1)
  for k in next, env do env[k] = nil end
  if has_float_marks then unmark_floats(input) end
  env.obj = input
  env.actionParams = params
  env._G = env
  reset_modules()
  local r = chunk()
  if type(r) ~= "table" then error("expect table output from Lua script, not " .. type(r), 0) end
  local encoded, err = json_encode_value(r, {})
  if encoded == nil then error(err, 0) end
  return encoded
end
`;
