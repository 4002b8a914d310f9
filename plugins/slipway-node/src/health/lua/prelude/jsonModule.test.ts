import { WasmoonLuaEngine } from '../WasmoonLuaEngine';
import type { LuaScriptRunner } from '../LuaEngine';

// Scripts written for these tests: Argo CD preloads gopher-json as the `json`
// module of health scripts (an HPA v1 keeps its conditions as JSON text).

describe('json module (gopher-json, as Argo CD preloads it)', () => {
  const engine = new WasmoonLuaEngine();
  const runners: LuaScriptRunner[] = [];
  afterAll(() => runners.forEach(r => r.close()));

  async function message(body: string, obj: unknown = {}): Promise<unknown> {
    const runner = await engine.compile(
      `local json = require("json")\n${body}`,
      'test.lua',
    );
    runners.push(runner);
    const result = runner.run(obj) as { message?: unknown } | null;
    return result?.message;
  }

  it('decodes JSON text from the object into Lua tables', async () => {
    const conditions = JSON.stringify([
      { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale' },
      { type: 'ScalingActive', status: 'False', message: null },
    ]);
    await expect(
      message(
        `local c = json.decode(obj.metadata.annotations.conditions)
return { status = "Healthy", message = #c .. " " .. c[1].reason .. " " .. tostring(c[2].message) }`,
        { metadata: { annotations: { conditions } } },
      ),
    ).resolves.toBe('2 SucceededGetScale nil');
  });

  it('reads values as Go does: null is nil, numbers print as gopher-lua prints them, bad UTF-16 is U+FFFD', async () => {
    await expect(
      message(`local t = json.decode('[1, null, 2.5, 1e2, "\\\\ud83d\\\\ude00\\\\ud800"]')
local o = json.decode('{"a": null, "b": 1, "b": 2}')
return { status = "Healthy", message = table.concat(t, ",") .. " " .. tostring(o.a) .. o.b }`),
    ).resolves.toBe('1,2.5,100,\u{1F600}\uFFFD nil2');
  });

  it("returns nil and Go's error text for bad JSON", async () => {
    await expect(
      message(`local _, a = json.decode('{"a":}')
local _, b = json.decode('[1,2')
local _, c = json.decode('[01]')
local v, d = json.decode('{"a" 1}')
return { status = "Healthy", message = table.concat({ a, b, c, d, tostring(v) }, "|") }`),
    ).resolves.toBe(
      "invalid character '}' looking for beginning of value|unexpected end of JSON input|" +
        "invalid character '1' after array element|invalid character '1' after object key|nil",
    );
    await expect(message('json.decode()')).rejects.toThrow(
      'bad argument #1 to decode',
    );
  });

  it('encodes as Go marshals gopher-json values', async () => {
    await expect(
      message(`local _, sparse = json.encode({ 1, nil, 3 })
return { status = "Healthy", message = table.concat({
  json.encode({ b = 1, a = { 1, 2.5, "x<y\\n" }, c = true }),
  json.encode({}), json.encode(1e21), json.encode(1e-7), json.encode(0.000001), sparse }, " ") }`),
    ).resolves.toBe(
      '{"a":[1,2.5,"x\\u003cy\\n"],"b":1,"c":true} [] 1e+21 1e-7 0.000001 ' +
        'json: error calling MarshalJSON for type json.jsonValue: cannot encode sparse array',
    );
  });

  it('is a module of its own for each run, loaded once by require', async () => {
    const runner = await engine.compile(
      `local json = require("json")
local seen = json.marked
json.marked = true
return { status = "Healthy", message = tostring(seen) .. tostring(require("json") == json) }`,
      'test.lua',
    );
    runners.push(runner);
    expect(runner.run({})).toEqual({ status: 'Healthy', message: 'niltrue' });
    expect(runner.run({})).toEqual({ status: 'Healthy', message: 'niltrue' });
  });
});
