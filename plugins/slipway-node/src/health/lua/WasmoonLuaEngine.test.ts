import { toLuaInput, WasmoonLuaEngine } from './WasmoonLuaEngine';
import type { LuaScriptRunner } from './LuaEngine';

// Scripts written for these tests, in the style of Argo CD's health.lua files:
// each exercises one place where Lua 5.4 and gopher-lua (Lua 5.1) differ.

describe('WasmoonLuaEngine (gopher-lua compatibility)', () => {
  const engine = new WasmoonLuaEngine();
  const runners: LuaScriptRunner[] = [];
  afterAll(() => runners.forEach(r => r.close()));

  async function run(source: string, obj: unknown = {}): Promise<unknown> {
    const runner = await engine.compile(source, 'test.lua');
    runners.push(runner);
    return runner.run(obj);
  }

  /** The message a script returns with status Healthy. */
  async function message(
    expression: string,
    obj: unknown = {},
  ): Promise<unknown> {
    const result = (await run(
      `return { status = "Healthy", message = ${expression} }`,
      obj,
    )) as { message?: unknown } | null;
    return result?.message;
  }

  it('concatenates numbers as gopher-lua prints them (no .0 on integral floats)', async () => {
    await expect(
      message('"ready " .. obj.ready / 2 .. "/" .. 2^2', { ready: 4 }),
    ).resolves.toBe('ready 2/4');
    await expect(
      message(
        '(1/3) .. " " .. 0.1 .. " " .. 1e15 .. " " .. 1234567.5 .. " " .. 1e-5',
      ),
    ).resolves.toBe(
      '0.3333333333333333 0.1 1000000000000000 1.2345675e+06 1e-05',
    );
    await expect(
      message('obj.f .. "|" .. obj.n', { f: 2.5, n: 3 }),
    ).resolves.toBe('2.5|3');
  });

  it('gives tostring, table.concat and string.format the same number formatting', async () => {
    await expect(
      message('tostring(10 / 2) .. "," .. tostring(-0.0)'),
    ).resolves.toBe('5,0');
    await expect(message('table.concat({ 1, 6 / 2, "x" }, "-")')).resolves.toBe(
      '1-3-x',
    );
    await expect(
      message(
        'string.format("%d|%s|%v|%5.1f|%g|%x|%q", 2.7, 4 / 2, 7 / 2, 3.14159, 1 / 3, -255, "a")',
      ),
    ).resolves.toBe('2|2|3.5|  3.1|0.3333333333333333|-ff|"a"');
    await expect(message('string.format("%d of %d", 1)')).resolves.toBe(
      '1 of %!d(MISSING)',
    );
  });

  it('computes % in float64 as gopher-lua does: n % 0 is NaN, not an error', async () => {
    const script = `
local hs = { status = "Healthy" }
local total = obj.status.total
if total % obj.status.batch == 0 then
  hs.message = "batches complete"
else
  hs.message = "remainder " .. total % obj.status.batch
end
return hs`;
    await expect(
      run(script, { status: { total: 7, batch: 0 } }),
    ).resolves.toEqual({ status: 'Healthy', message: 'remainder NaN' });
    await expect(
      run(script, { status: { total: 7, batch: 4 } }),
    ).resolves.toEqual({ status: 'Healthy', message: 'remainder 3' });
    await expect(
      message('-7 % 5 .. " " .. 7 % -5 .. " " .. 5.5 % 2 .. " " .. "10" % 4'),
    ).resolves.toBe('3 -3 1.5 2');
  });

  it('reads numbers with tonumber as gopher-lua does', async () => {
    await expect(
      message(
        'tostring(tonumber("1e3")) .. " " .. tostring(tonumber("0x1F")) .. " " .. tostring(tonumber(" 7 "))' +
          ' .. " " .. tostring(tonumber("1.50")) .. " " .. tostring(tonumber("99999999999999999999"))' +
          ' .. " " .. tostring(tonumber("ff", 16)) .. " " .. tostring(tonumber("abc"))',
      ),
    ).resolves.toBe('nil 31 7 1.5 nil 255 nil');
  });

  it('provides the Lua 5.1 functions that Lua 5.4 dropped', async () => {
    await expect(
      message(
        'table.getn({ 1, 2 }) .. table.maxn({ [1] = 1, [7] = 2 }) .. unpack({ 5, 6 }) .. math.pow(2, 3)' +
          ' .. math.mod(7, 3) .. math.log10(100) .. math.ldexp(1, 2) .. select(2, math.frexp(8))',
      ),
    ).resolves.toBe('27581244');
    await expect(
      run(
        'local s = "" for w in string.gfind("a,b", "%a") do s = s .. w end return { status = "Healthy", message = s }',
      ),
    ).resolves.toEqual({ status: 'Healthy', message: 'ab' });
    await expect(
      message('tostring(loadstring("return 1 + 1")())'),
    ).resolves.toBe('2');
    await expect(
      message(
        'tostring(math.cosh(0)) .. tostring(math.sinh(0)) .. tostring(math.tanh(0)) .. tostring(math.atan2(0, 1))',
      ),
    ).resolves.toBe('1000');
  });

  it('accepts the table.insert and table.remove positions gopher-lua accepts', async () => {
    await expect(
      message(
        '(function() local t = { 1 } table.insert(t, 5, 9) table.insert(t, 2) local r = table.remove(t, 9)' +
          ' return #t .. "," .. tostring(t[5]) .. "," .. tostring(r) .. "," .. tostring(table.remove({})) end)()',
      ),
    ).resolves.toBe('2,9,nil,nil');
  });

  it('passes obj as Argo CD does: null fields absent, null list items skipped', async () => {
    await expect(
      message(
        '#obj.list .. "," .. obj.list[2] .. "," .. tostring(obj.gone) .. "," .. tostring(obj.status.x)',
        {
          list: [1, null, 3],
          gone: null,
          status: { x: null },
        },
      ),
    ).resolves.toBe('2,3,nil,nil');
    expect(
      toLuaInput(
        { a: null, b: [null, 1], c: { d: undefined } },
        { floats: false },
      ),
    ).toEqual({
      b: [1],
      c: {},
    });
  });

  it('keeps integers beyond 2^63 as floats', async () => {
    await expect(
      message('tostring(obj.big) .. " " .. tostring(obj.big > 0)', {
        big: 1e20,
      }),
    ).resolves.toBe('1e+20 true');
  });

  it('compiles long .. chains', async () => {
    const chain = Array.from({ length: 150 }, () => '1').join(' .. ');
    await expect(message(`tostring(#(${chain}))`)).resolves.toBe('150');
  });

  it('runs scripts with goto statements and labels, concatenating as gopher-lua does', async () => {
    const source = [
      'local m = ""',
      'for i = 1, 3 do',
      '  if i == 2 then goto continue end',
      '  m = m .. i / 1 .. ";"',
      '  ::continue::',
      'end',
      'return { status = "Healthy", message = m }',
    ].join('\n');
    await expect(run(source)).resolves.toEqual({
      status: 'Healthy',
      message: '1;3;',
    });
  });

  it('raises gopher-lua errors for concatenating nil', async () => {
    await expect(message('"a" .. obj.missing')).rejects.toThrow(
      'test.lua:1: cannot perform concat operation between string and nil',
    );
  });

  it('reads the result as Argo CD does', async () => {
    await expect(run('return nil')).resolves.toBeNull();
    await expect(run('return {}')).resolves.toBeNull();
    await expect(run('return { "Healthy" }')).resolves.toBeNull();
    await expect(
      run('return { status = "Healthy", message = 5 }'),
    ).resolves.toBeNull();
    await expect(
      run('return { Status = "Degraded", MESSAGE = "x" }'),
    ).resolves.toEqual({
      status: 'Degraded',
      message: 'x',
    });
    await expect(run('return { message = "x" }')).resolves.toEqual({
      status: '',
      message: 'x',
    });
    await expect(run('return 5')).rejects.toThrow(
      'expect table output from Lua script, not number',
    );
    await expect(
      run('return { status = "Healthy", [1] = "x" }'),
    ).rejects.toThrow('cannot encode mixed or invalid key types');
    await expect(
      run('return { status = "Healthy", f = print }'),
    ).rejects.toThrow('cannot encode function to JSON');
  });

  it('follows gopher-lua os.time and os.date', async () => {
    await expect(
      message(
        'os.date("!%Y-%m-%d %H:%M:%S", os.time({ year = "2024", month = "01", day = "15", hour = "10", min = 30.9, sec = "0" }) - os.time({ year = 2024, month = 1, day = 15, hour = 10, min = 30, sec = 0 }))',
      ),
    ).resolves.toMatch(/^1970-01-01 \d\d:00:00$/);
    await expect(
      message(
        'os.date("!*t", 43200).wday .. " " .. os.date("!*t", 43200).yday .. " " .. os.date("!%a %A %b %B %w %j %%", 86400 * 3 + 43200)',
      ),
    ).resolves.toBe('4 0 mon Sunday Jan January 0 %j %');
    // as Argo CD's restart actions stamp the time
    await expect(
      message(
        'os.date("!%Y-%m-%dT%XZ", 1765123509) .. " " .. os.date("!%x", 1765123509)',
      ),
    ).resolves.toBe('2025-12-07T16:05:09Z 16/05/09');
  });

  it('gives each run fresh globals, with _G, getfenv and setfenv', async () => {
    const source = [
      'count = (count or 0) + 1',
      'local g = _G.obj.kind .. "/" .. tostring(getfenv().obj == obj) .. "/" .. _VERSION',
      'local f = setfenv(function() return marker end, { marker = "m" })',
      'return { status = "Healthy", message = g .. "/" .. f() .. "/" .. count }',
    ].join('\n');
    const runner = await engine.compile(source, 'env.lua');
    runners.push(runner);
    runner.run({ kind: 'A' });
    expect(runner.run({ kind: 'B' })).toEqual({
      status: 'Healthy',
      message: 'B/true/Lua 5.1/m/1',
    });
  });

  it('visits table keys with pairs in gopher-lua order: array part, then the order keys were first set', async () => {
    await expect(
      message(
        `(function()
          local t = { b = 1, a = 2, c = 3 }
          t.z = 1 t.y = 2 t.b = nil t.b = 3 t[2] = "x" t[1] = "w"
          local counts = {}
          for _, phase in ipairs(obj.phases) do counts[phase] = (counts[phase] or 0) + 1 end
          local out = {}
          for k in pairs(t) do out[#out + 1] = k end
          for phase, n in pairs(counts) do out[#out + 1] = phase .. "=" .. n end
          return table.concat(out, ",")
        end)()`,
        { phases: ['Zeta', 'Alpha', 'Mid', 'Alpha', 'Beta'] },
      ),
    ).resolves.toBe('1,2,b,a,c,z,y,Zeta=1,Alpha=2,Mid=1,Beta=1');
  });

  it('truncates float integer arguments of the string functions, select and unpack, as gopher-lua does', async () => {
    await expect(
      message(
        'string.sub("abcdef", 7 / 2) .. ("abcdef"):sub(-2.5) .. "|" .. string.rep("ab", 2.5) .. "|" .. select(1.5, "a", "b") .. "|" .. ("abc"):byte(1.9) .. "|" .. string.char(65.7) .. "|" .. table.concat({ unpack({ 1, 2, 3 }, 1.5, 2.9) }, ",")',
      ),
    ).resolves.toBe('cdefef|abab|a|97|A|1,2');
  });

  it('lets a Lua 5.1 script use goto as a name, and keeps the sandbox', async () => {
    await expect(
      message('(function() local goto = "g" return goto end)()'),
    ).resolves.toBe('g');
    await expect(
      message(
        'tostring(io) .. tostring(debug) .. tostring(os.execute) .. tostring(loadfile)',
      ),
    ).resolves.toBe('nilnilnilnil');
    // require reads no files: only the opened libraries and the preloaded modules
    await expect(
      message(
        'tostring(require("string") == string) .. tostring(require("os") == os) .. tostring(pcall(require, "io"))',
      ),
    ).resolves.toBe('truetruefalse');
    await expect(message('string.dump(print)')).rejects.toThrow(
      'GopherLua does not support the string.dump',
    );
  });
});
