import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { LuaHealthScripts } from './LuaHealthScripts';
import type { LuaEngineFactory } from './LuaEngine';
import { kube } from '../testObjects';

// Scripts in Argo CD's format: the global `obj`, a returned {status, message} table.
const READY_SCRIPT = `
hs = {}
if obj.status ~= nil and obj.status.conditions ~= nil then
  for i, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" and condition.status == "True" then
      hs.status = "Healthy"
      hs.message = obj.metadata.name .. " ready with " .. table.getn(obj.status.conditions) .. " conditions"
      return hs
    end
  end
end
hs.status = "Progressing"
hs.message = "Waiting"
return hs
`;

describe('LuaHealthScripts', () => {
  let scripts: LuaHealthScripts;
  afterEach(async () => {
    await scripts?.close();
  });

  it('runs an Argo CD health script with obj and reads {status, message}', async () => {
    scripts = new LuaHealthScripts(
      new Map([['example.com/Widget', READY_SCRIPT]]),
    );
    const widget = (status?: object) =>
      kube('example.com/v1', 'Widget', { status }, { name: 'w1' });
    await expect(scripts.evaluate(widget())).resolves.toEqual({
      status: 'Progressing',
      message: 'Waiting',
    });
    await expect(
      scripts.evaluate(
        widget({ conditions: [{ type: 'Ready', status: 'True' }] }),
      ),
    ).resolves.toEqual({
      status: 'Healthy',
      message: 'w1 ready with 1 conditions',
    });
  });

  it('does not leak globals from one run into the next', async () => {
    scripts = new LuaHealthScripts(
      new Map([
        [
          'example.com/Counter',
          'count = (count or 0) + 1\nreturn {status = "Healthy", message = tostring(count)}',
        ],
      ]),
    );
    const obj = kube('example.com/v1', 'Counter');
    await scripts.evaluate(obj);
    await expect(scripts.evaluate(obj)).resolves.toEqual({
      status: 'Healthy',
      message: '1',
    });
  });

  it('turns script errors, bad results and endless loops into Unknown, nil into no health', async () => {
    scripts = new LuaHealthScripts(
      new Map([
        ['example.com/Broken', 'error("boom")'],
        ['example.com/Nil', 'return nil'],
        ['example.com/Number', 'return 1'],
        ['example.com/Bad', 'return {status = "Fine"}'],
        ['example.com/Loop', 'while true do end'],
      ]),
    );
    const run = (kind: string) =>
      scripts.evaluate(kube('example.com/v1', kind));
    const broken = await run('Broken');
    expect(broken?.status).toBe('Unknown');
    expect(broken?.message).toContain('boom');
    // Argo CD gives an empty health status for nil
    await expect(run('Nil')).resolves.toBeNull();
    expect((await run('Number'))?.message).toContain(
      'expect table output from Lua script, not number',
    );
    expect((await run('Bad'))?.message).toContain('invalid health status');
    expect((await run('Loop'))?.status).toBe('Unknown');
  });

  it('gives no health for kinds without a script', async () => {
    scripts = new LuaHealthScripts(new Map());
    await expect(
      scripts.evaluate(kube('v1', 'ConfigMap')),
    ).resolves.toBeUndefined();
  });

  it('compiles each script once and reuses its VM', async () => {
    let compiled = 0;
    const engine: LuaEngineFactory = {
      async compile() {
        compiled++;
        return {
          run: () => ({ status: 'Healthy' }),
          runForJson: () => '{}',
          close: () => {},
        };
      },
    };
    scripts = new LuaHealthScripts(new Map([['example.com/Widget', '']]), {
      engine,
    });
    const obj = kube('example.com/v1', 'Widget');
    await Promise.all([
      scripts.evaluate(obj),
      scripts.evaluate(obj),
      scripts.evaluate(obj),
    ]);
    expect(compiled).toBe(1);
  });

  it('loads <group>/<kind>/health.lua from a folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lua-health-'));
    try {
      await fs.mkdir(path.join(dir, '_.example.com', '_'), { recursive: true });
      await fs.writeFile(
        path.join(dir, '_.example.com', '_', 'health.lua'),
        READY_SCRIPT,
      );
      scripts = await LuaHealthScripts.fromDirectory(dir);
      expect(scripts.size).toBe(1);
      expect(scripts.has('apps.example.com', 'Widget')).toBe(true);
      expect(scripts.has('example.org', 'Widget')).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('loads <Kind>/health.lua at the top of a folder for the core group', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lua-health-'));
    try {
      await fs.mkdir(path.join(dir, 'Widget'), { recursive: true });
      await fs.writeFile(path.join(dir, 'Widget', 'health.lua'), READY_SCRIPT);
      scripts = await LuaHealthScripts.fromDirectory(dir);
      expect(scripts.has('', 'Widget')).toBe(true);
      expect(scripts.has('example.com', 'Widget')).toBe(false);
      await expect(
        scripts.evaluate(kube('v1', 'Widget', {}, { name: 'w1' })),
      ).resolves.toEqual({ status: 'Progressing', message: 'Waiting' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('picks the first wildcard folder in byte order when several match, as Argo CD does', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lua-health-'));
    const script = (message: string) =>
      `return { status = "Healthy", message = "${message}" }`;
    try {
      for (const [group, message] of [
        ['_.example.com', 'any example.com group'],
        ['apps.example.com', 'apps wildcard'],
      ]) {
        await fs.mkdir(path.join(dir, group, '_'), { recursive: true });
        await fs.writeFile(
          path.join(dir, group, '_', 'health.lua'),
          script(message),
        );
      }
      scripts = await LuaHealthScripts.fromDirectory(dir);
      await expect(
        scripts.evaluate(kube('apps.example.com/v1', 'Widget')),
      ).resolves.toEqual({
        status: 'Healthy',
        message: 'any example.com group',
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('names the folder when it cannot be read', async () => {
    await expect(
      LuaHealthScripts.fromDirectory('/nonexistent/lua'),
    ).rejects.toThrow(/\/nonexistent\/lua/);
  });
});
