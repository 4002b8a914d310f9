/*
 * Argo CD's `argocd.argoproj.io/manifest-generate-paths`: a commit that
 * changes none of the paths an Application names is not rendered again;
 * the Application moves to the commit with its last render.
 */
import {
  applicationEntity,
  eventually,
  kubeClient,
  withAnnotations,
} from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

const WEB = 'application:default/web';

describe('manifest-generate-paths', () => {
  const start = pluginWorld({
    files: {
      'web/config.yaml': configMapYaml('web-config', 'blue'),
      'triggers/web': 'touch to render web\n',
    },
    // deliberately names a folder other than the source's own, so that a render taken over is visible
    entities: repoURL => [
      withAnnotations(
        applicationEntity('web', {
          repoURL,
          path: 'web',
          namespace: 'apps',
          automated: { prune: true },
        }),
        { 'argocd.argoproj.io/manifest-generate-paths': '/triggers' },
      ),
    ],
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  it('moves to a commit outside its paths without rendering, and renders for one inside them', async () => {
    const { git, sim, store } = world;
    const kube = kubeClient(sim);
    await eventually(
      async () =>
        (await kube.configMap('apps', 'web-config'))?.data?.color === 'blue',
      'blue to be deployed',
    );

    const outside = await git.commit('gitops', {
      'web/config.yaml': configMapYaml('web-config', 'green'),
    });
    await eventually(async () => {
      const status = await store.getApplicationStatus(WEB);
      return status?.revision === outside && status.syncStatus === 'Synced';
    }, 'web to be Synced at the commit outside its paths');
    // the render of the earlier commit was taken over: still blue
    expect((await kube.configMap('apps', 'web-config')).data.color).toBe(
      'blue',
    );

    const inside = await git.commit('gitops', {
      'triggers/web': 'render again\n',
    });
    await eventually(
      async () =>
        (await kube.configMap('apps', 'web-config'))?.data?.color === 'green',
      'green to be deployed',
    );
    expect((await store.getApplicationStatus(WEB))?.revision).toBe(inside);
  });
});
