import { actionCustomizations } from './actionCustomizations';
import { LuaResourceActions } from './LuaResourceActions';

describe('actionCustomizations', () => {
  it("reads Argo CD's resource.customizations.actions entries, keyed by group and kind", async () => {
    const { kinds, keys, problems } = actionCustomizations({
      ConfigMap: {
        'discovery.lua': 'return {["stamp"] = {["disabled"] = false}}',
        definitions: [
          {
            name: 'stamp',
            'action.lua': 'obj.metadata.labels = {stamped = "yes"}\nreturn obj',
          },
        ],
      },
      'argoproj.io_Rollout': {
        mergeBuiltinActions: true,
        'discovery.lua': 'return {}',
      },
    });
    expect(problems).toEqual([]);
    expect([...keys]).toEqual([
      ['core/ConfigMap', 'ConfigMap'],
      ['argoproj.io/Rollout', 'argoproj.io_Rollout'],
    ]);
    const actions = new LuaResourceActions(kinds);
    try {
      expect(actions.mergesBuiltin('argoproj.io', 'Rollout')).toBe(true);
      expect(actions.mergesBuiltin('', 'ConfigMap')).toBe(false);
      expect(
        await actions.run(
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
          'stamp',
        ),
      ).toMatchObject([
        { patch: { metadata: { labels: { stamped: 'yes' } } } },
      ]);
    } finally {
      await actions.close();
    }
  });

  it('leaves out an entry that is not a group and kind or lacks its scripts, and says why', () => {
    const { kinds, problems } = actionCustomizations({
      a_b_c: { 'discovery.lua': 'return {}' },
      Pod: { definitions: [] },
      Service: { 'discovery.lua': 'return {}', definitions: [{ name: 'x' }] },
    });
    expect(kinds.size).toBe(0);
    expect(problems).toEqual([
      'slipway.resourceActions.customizations["a_b_c"]: "a_b_c" is not a group and kind; write <group>_<Kind> as Argo CD does (e.g. argoproj.io_Rollout), the kind alone for the core group (e.g. ConfigMap), and * as a wildcard',
      'slipway.resourceActions.customizations["Pod"] needs discovery.lua: the Lua script that returns the actions a resource offers',
      'slipway.resourceActions.customizations["Service"].definitions must be a list of {name, action.lua}: each action\'s name and its Lua script',
    ]);
  });
});
