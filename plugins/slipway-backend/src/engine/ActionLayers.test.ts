import type { KubeObject } from '@slipway/plugin-slipway-common';
import { LuaResourceActions } from '@slipway/plugin-slipway-node';
import { ActionLayers } from './ActionLayers';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 2, paused: false },
};

/** A kind's Lua actions: each action sets one label. */
const labelling = (names: string[], mergeBuiltinActions = false) =>
  new LuaResourceActions(
    new Map([
      [
        'apps/Deployment',
        {
          discovery: `return {${names
            .map(n => `["${n}"] = {["disabled"] = false}`)
            .join(', ')}}`,
          actions: new Map(
            names.map(n => [
              n,
              `obj.metadata.labels = {["by"] = "${n}"}\nreturn obj`,
            ]),
          ),
          mergeBuiltinActions,
        },
      ],
    ]),
  );

describe('ActionLayers', () => {
  const opened: LuaResourceActions[] = [];
  const open = (actions: LuaResourceActions) => {
    opened.push(actions);
    return actions;
  };
  afterAll(async () => {
    for (const a of opened) await a.close();
  });
  const names = async (layers: ActionLayers) =>
    (await layers.offered(deployment)).map(a => a.name);
  const NOW = new Date('2026-12-07T10:00:00Z');

  it("offers Slipway's built-in actions when no Lua source knows the kind", async () => {
    expect(await names(new ActionLayers({}))).toEqual([
      'restart',
      'pause',
      'resume',
      'scale',
    ]);
  });

  it('hands the values sent to the layer that runs the action', async () => {
    expect(
      await new ActionLayers({}).changes(deployment, 'scale', NOW, {
        scale: '4',
      }),
    ).toMatchObject([{ patch: { spec: { replicas: 4 } } }]);
    const folder = open(
      new LuaResourceActions(
        new Map([
          [
            'apps/Deployment',
            {
              discovery: 'return {["grow"] = {["hasParameters"] = true}}',
              actions: new Map([
                [
                  'grow',
                  'obj.spec.replicas = tonumber(actionParams["grow"])\nreturn obj',
                ],
              ]),
            },
          ],
        ]),
      ),
    );
    expect(
      await new ActionLayers({ folder }).changes(deployment, 'grow', NOW, {
        grow: '9',
      }),
    ).toMatchObject([{ patch: { spec: { replicas: 9 } } }]);
  });

  it("lets the Lua folder's actions of a kind replace the built-in ones", async () => {
    const layers = new ActionLayers({ folder: open(labelling(['annotate'])) });
    expect(await names(layers)).toEqual(['annotate']);
  });

  it('lets configured actions replace all others, or merge with them and win a shared name', async () => {
    const folder = open(labelling(['annotate', 'restart']));
    expect(
      await names(
        new ActionLayers({ configured: open(labelling(['scale'])), folder }),
      ),
    ).toEqual(['scale']);

    const merging = new ActionLayers({
      configured: open(labelling(['restart', 'scale'], true)),
      folder,
    });
    expect(await names(merging)).toEqual(['restart', 'scale', 'annotate']);
    // a shared name runs the configured script, the others the folder's
    expect(
      (await merging.changes(deployment, 'restart', NOW))[0],
    ).toMatchObject({ patch: { metadata: { labels: { by: 'restart' } } } });
    expect(
      (await merging.changes(deployment, 'annotate', NOW))[0],
    ).toMatchObject({ patch: { metadata: { labels: { by: 'annotate' } } } });

    // merging with the built-in ones when the folder has none for the kind
    const withBuiltins = new ActionLayers({
      configured: open(labelling(['scale'], true)),
    });
    expect(await names(withBuiltins)).toEqual([
      'scale',
      'restart',
      'pause',
      'resume',
    ]);
    expect(
      (await withBuiltins.changes(deployment, 'pause', NOW))[0],
    ).toMatchObject({ operation: 'patch', object: { spec: { paused: true } } });
  });

  it("runs a merging kind's discovery.lua once to pick and run its action", async () => {
    const configured = open(labelling(['restart'], true));
    const discover = jest.spyOn(configured, 'discover');
    const layers = new ActionLayers({ configured });
    expect((await layers.changes(deployment, 'restart', NOW))[0]).toMatchObject(
      { patch: { metadata: { labels: { by: 'restart' } } } },
    );
    expect(discover).toHaveBeenCalledTimes(1);
  });
});
