/*
 * Resource actions in Argo CD's Lua format from the Lua folder
 * (`slipway.health.luaScriptsDir`, laid out like resource_customizations):
 * listed and run through the portal's API, before the built-in actions of
 * their kinds; and actions given in configuration, merged with them.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  applicationEntity,
  eventually,
  kubeClient,
} from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml, slowDeploymentYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

// Scripts written for this test in the shape of Argo CD's actions.
const scripts: Record<string, string> = {
  'ConfigMap/actions/discovery.lua': `
local actions = {}
actions["stamp"] = {["disabled"] = obj.metadata.annotations ~= nil and obj.metadata.annotations["example.com/stamped"] ~= nil}
return actions`,
  'ConfigMap/actions/stamp/action.lua': `
if obj.metadata.annotations == nil then obj.metadata.annotations = {} end
obj.metadata.annotations["example.com/stamped"] = "by-lua"
return obj`,
  'apps/Deployment/actions/discovery.lua': `
return {["annotate"] = {["disabled"] = false}}`,
};

const luaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-lua-actions-'));
for (const [file, text] of Object.entries(scripts)) {
  fs.mkdirSync(path.dirname(path.join(luaDir, file)), { recursive: true });
  fs.writeFileSync(path.join(luaDir, file), text);
}

describe('Lua resource actions', () => {
  const start = pluginWorld({
    files: {
      'web/config.yaml': configMapYaml('web-config', 'blue'),
      'web/deployment.yaml': slowDeploymentYaml('web', 'nginx:1.25'),
    },
    entities: repoURL => [
      applicationEntity('web', {
        repoURL,
        path: 'web',
        namespace: 'shop',
        automated: { prune: true, selfHeal: true },
      }),
    ],
    slipway: {
      health: { luaScriptsDir: luaDir },
      resourceActions: {
        customizations: {
          apps_Deployment: {
            mergeBuiltinActions: true,
            'discovery.lua': 'return {["label"] = {["disabled"] = false}}',
            definitions: [
              {
                name: 'label',
                'action.lua':
                  'obj.metadata.labels["example.com/labelled"] = "yes"\nreturn obj',
              },
            ],
          },
        },
      },
    },
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(async () => {
    await world?.stop();
    fs.rmSync(luaDir, { recursive: true, force: true });
  });

  const actionsOf = (query: string) =>
    request(world.server).get(
      `/api/slipway/applications/default/web/resource/actions?${query}`,
    );
  const configMap = {
    kind: 'ConfigMap',
    namespace: 'shop',
    name: 'web-config',
  };

  it("lists and runs the folder's actions, and they come before a kind's built-in ones", async () => {
    await eventually(
      async () =>
        (
          await world.store.getApplicationStatus('application:default/web')
        )?.syncStatus === 'Synced',
      'web to be Synced',
    );
    const listed = await actionsOf(
      'kind=ConfigMap&namespace=shop&name=web-config',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.actions).toEqual([{ name: 'stamp', disabled: false }]);

    const ran = await request(world.server)
      .post('/api/slipway/applications/default/web/resource/actions')
      .send({ action: 'stamp', resource: configMap });
    expect(ran.status).toBe(200);
    expect(ran.body.changes).toEqual([
      { operation: 'patch', resource: { group: '', ...configMap } },
    ]);
    const live = await kubeClient(world.sim).configMap('shop', 'web-config');
    expect(live.metadata.annotations['example.com/stamped']).toBe('by-lua');
    // what Git declares is untouched
    expect(live.data).toEqual({ color: 'blue' });

    await eventually(
      async () =>
        (
          await actionsOf('kind=ConfigMap&namespace=shop&name=web-config')
        ).body.actions[0]?.disabled === true,
      'stamp to be disabled once stamped',
    );
    const again = await request(world.server)
      .post('/api/slipway/applications/default/web/resource/actions')
      .send({ action: 'stamp', resource: configMap });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      "action 'stamp' is disabled for ConfigMap shop/web-config",
    );

    // the folder's Deployment actions replace restart, pause and resume;
    // the configured ones merge with them
    const deployment = await actionsOf(
      'group=apps&kind=Deployment&namespace=shop&name=web',
    );
    expect(deployment.body.actions).toEqual([
      { name: 'label', disabled: false },
      { name: 'annotate', disabled: false },
    ]);
    const labelled = await request(world.server)
      .post('/api/slipway/applications/default/web/resource/actions')
      .send({
        action: 'label',
        resource: {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'web',
        },
      });
    expect(labelled.status).toBe(200);
    expect(
      (await kubeClient(world.sim).deployment('shop', 'web')).metadata.labels,
    ).toMatchObject({ 'example.com/labelled': 'yes' });
  });
});
