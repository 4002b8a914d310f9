import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { LuaResourceActions } from './LuaResourceActions';

// Scripts written for these tests in the shape of Argo CD's actions.
const CONFIG_MAP_DISCOVERY = `
local actions = {}
actions["touch"] = {["disabled"] = false}
actions["clear"] = {["disabled"] = obj.data == nil}
actions["copy"] = {["disabled"] = false}
actions["noop"] = {["disabled"] = false}
return actions`;

const TOUCH = `
if obj.metadata.annotations == nil then obj.metadata.annotations = {} end
obj.metadata.annotations["example.com/touched"] = "yes"
return obj`;

const CLEAR = `
obj.data = nil
return obj`;

const COPY = `
local copy = {}
copy.apiVersion = "v1"
copy.kind = "ConfigMap"
copy.metadata = {name = obj.metadata.name .. "-copy"}
copy.data = obj.data
return {{operation = "create", resource = copy}}`;

const NOOP = 'return obj';

const configMap = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web', namespace: 'shop', labels: {}, annotations: {} },
  data: { color: 'blue' },
  ...extra,
});

describe('LuaResourceActions', () => {
  const actions = new LuaResourceActions(
    new Map([
      [
        'core/ConfigMap',
        {
          discovery: CONFIG_MAP_DISCOVERY,
          actions: new Map([
            ['touch', TOUCH],
            ['clear', CLEAR],
            ['copy', COPY],
            ['noop', NOOP],
          ]),
        },
      ],
      [
        'example.com/Widget',
        { discovery: 'error("broken on purpose")', actions: new Map() },
      ],
    ]),
  );
  afterAll(() => actions.close());

  it("lists what the kind's discovery.lua offers, by name, disabled where it says so", async () => {
    expect(actions.has('', 'ConfigMap')).toBe(true);
    expect(actions.has('apps', 'Deployment')).toBe(false);
    expect(await actions.discover(configMap({ data: undefined }))).toEqual([
      { name: 'clear', disabled: true },
      { name: 'copy', disabled: false },
      { name: 'noop', disabled: false },
      { name: 'touch', disabled: false },
    ]);
  });

  it('turns the object an action returns into a merge patch of the live one', async () => {
    expect(await actions.run(configMap(), 'touch')).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'web', namespace: 'shop' },
        },
        patch: { metadata: { annotations: { 'example.com/touched': 'yes' } } },
      },
    ]);
    // a removed field is null in the patch
    expect((await actions.run(configMap(), 'clear'))[0]).toMatchObject({
      patch: { data: null },
    });
    // the empty maps Lua hands back as [] are not changes
    expect(await actions.run(configMap(), 'noop')).toEqual([]);
  });

  it('creates what an action lists as impacted resources, beside the object when it names no namespace', async () => {
    expect(await actions.run(configMap(), 'copy')).toEqual([
      {
        operation: 'create',
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'web-copy', namespace: 'shop' },
          data: { color: 'blue' },
        },
      },
    ]);
  });

  it('refuses an action that is not offered or disabled, and names a failing script', async () => {
    await expect(actions.run(configMap(), 'restart')).rejects.toThrow(
      "ConfigMap shop/web has no action 'restart'; its actions are clear, copy, noop, touch",
    );
    await expect(
      actions.run(configMap({ data: undefined }), 'clear'),
    ).rejects.toMatchObject({
      reason: 'notApplicable',
      message: "action 'clear' is disabled for ConfigMap shop/web",
    });
    await expect(
      actions.discover({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
      }),
    ).rejects.toThrow(
      /^example.com\/Widget\/actions\/discovery.lua failed on Widget w: .*broken on purpose.*; fix the script$/,
    );
  });

  it("loads a folder laid out like Argo CD's resource_customizations", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-actions-'));
    try {
      const write = async (file: string, text: string) => {
        await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await fs.writeFile(path.join(dir, file), text);
      };
      await write('ConfigMap/actions/discovery.lua', CONFIG_MAP_DISCOVERY);
      await write('ConfigMap/actions/touch/action.lua', TOUCH);
      await write('example.com/Widget/health.lua', 'return {}');
      const loaded = await LuaResourceActions.fromDirectory(dir);
      try {
        expect(loaded.has('', 'ConfigMap')).toBe(true);
        // a health script alone is no actions
        expect(loaded.has('example.com', 'Widget')).toBe(false);
        expect(await loaded.run(configMap(), 'touch')).toHaveLength(1);
        await expect(loaded.run(configMap(), 'clear')).rejects.toThrow(
          "core/ConfigMap/actions/discovery.lua offers 'clear' for ConfigMap shop/web, but there is no core/ConfigMap/actions/clear/action.lua; add the script",
        );
      } finally {
        await loaded.close();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('LuaResourceActions with parameters', () => {
  // a discovery and an action in the shape of Argo CD's Deployment scale
  const actions = new LuaResourceActions(
    new Map([
      [
        'apps/Deployment',
        {
          discovery: `
local actions = {}
actions["resize"] = {
  ["hasParameters"] = true,
  ["defaultValue"] = tostring(obj.spec.replicas),
  ["regexp"] = "^[0-9]+$",
  ["errorMessage"] = "Enter a number",
  ["displayName"] = "Resize",
  ["iconClass"] = "fa fa-fw fa-expand",
}
return actions`,
          actions: new Map([
            [
              'resize',
              `obj.spec.replicas = tonumber(actionParams["resize"])
return obj`,
            ],
          ]),
        },
      ],
    ]),
  );
  afterAll(() => actions.close());
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 2 },
  };

  it('reads what the form needs from discovery: the value it starts with, its pattern, its error, a display name and icon', async () => {
    expect(await actions.discover(deployment)).toEqual([
      {
        name: 'resize',
        disabled: false,
        hasParameters: true,
        defaultValue: '2',
        regexp: '^[0-9]+$',
        errorMessage: 'Enter a number',
        displayName: 'Resize',
        iconClass: 'fa fa-fw fa-expand',
      },
    ]);
  });

  it('hands the values sent to the action as its global actionParams', async () => {
    expect(await actions.run(deployment, 'resize', { resize: '7' })).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
        },
        patch: { spec: { replicas: 7 } },
      },
    ]);
  });

  it('refuses a missing value or one that does not match the pattern before running the script', async () => {
    await expect(actions.run(deployment, 'resize')).rejects.toThrow(
      'action \'resize\' of Deployment shop/web needs a value: send parameters [{"name": "resize", "value": ...}] (its current value is 2)',
    );
    await expect(
      actions.run(deployment, 'resize', { resize: 'x' }),
    ).rejects.toThrow(
      'action \'resize\' of Deployment shop/web refuses the value "x": Enter a number',
    );
  });
});
