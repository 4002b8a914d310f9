/*
 * The engine end to end, without Backstage: a real Git smart-HTTP server,
 * real helm and kubectl kustomize, and kube-sim as the cluster.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { KubeObject } from '@slipway/plugin-slipway-common';
import { HealthAssessor } from '@slipway/plugin-slipway-node';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import { ClusterRegistry } from '../../clusters/ClusterRegistry';
import { createRendering } from '../render';
import { ApplicationController } from './ApplicationController';
import { ClusterConnections } from './ClusterConnections';
import { resourceDiffText } from './compareApplication';
import { EngineApplication } from './types';

jest.setTimeout(120_000);

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ${image}
`;

const repoFiles = {
  'kustomize/base/kustomization.yaml': 'resources: [deployment.yaml, config.yaml, secret.yaml]\n',
  'kustomize/base/deployment.yaml': deployment('acme/web:1.0.0'),
  'kustomize/base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {mode: blue}\n',
  'kustomize/base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: web-secret}\nstringData: {password: hunter2-very-secret}\n',
  'kustomize/prod/kustomization.yaml': 'resources: [../base]\nimages:\n  - name: acme/web\n    newTag: 1.1.0\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
  'chart/values.yaml': 'image: acme/api:2.0.0\nreplicas: 1\n',
  'chart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
        - name: api
          image: {{ .Values.image }}
`,
  'chart/values-prod.yaml': 'replicas: 3\n',
  'apps/children.yaml': ['guestbook', 'billing']
    .map(
      name => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source: { repoURL: https://git.example.com/apps.git, path: ${name}, targetRevision: HEAD }
  destination: { name: sim, namespace: ${name} }
`,
    )
    .join('---\n'),
  'apps/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: apps-config}\ndata: {mode: parent}\n',
};

describe('ApplicationController against kube-sim', () => {
  let git: GitTestServer;
  let sim: KubeSim;
  let registry: ClusterRegistry;
  let connections: ClusterConnections;
  let controller: ApplicationController;
  let renderer: ReturnType<typeof createRendering>['renderer'];
  let repoURL: string;
  let cacheDir: string;

  beforeAll(async () => {
    git = await GitTestServer.start();
    repoURL = (await git.createRepo('gitops', repoFiles)).url;
    sim = await startKubeSim({ podReadyDelayMs: 0 });
    registry = await ClusterRegistry.create({
      logger: mockServices.logger.mock(),
      clusters: [{ name: 'sim', url: sim.url, token: sim.token, labels: {}, inCluster: true, skipTLSVerify: true }],
      startEmbedded: () => Promise.reject(new Error('not used')),
    });
    connections = new ClusterConnections(registry);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-engine-'));
    ({ renderer } = createRendering({ config: new ConfigReader({}), cacheDir }));
    controller = new ApplicationController({
      renderer,
      clusters: connections,
      health: await HealthAssessor.create({}),
      executor: { pollIntervalMs: 20 },
    });
  });

  afterAll(async () => {
    await connections?.stop();
    await sim?.stop();
    await git?.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  const kustomizeApp: () => EngineApplication = () => ({
    name: 'web-prod',
    spec: {
      source: { repoURL, targetRevision: 'main', path: 'kustomize/prod' },
      destination: { name: 'sim', namespace: 'web-prod' },
      syncPolicy: { syncOptions: ['CreateNamespace=true'] },
    },
  });

  /** Refreshes until the condition holds; the cache follows the cluster by watch. */
  async function refreshUntil(app: EngineApplication, done: (r: Awaited<ReturnType<ApplicationController['refresh']>>) => boolean) {
    let last;
    for (let i = 0; i < 100; i++) {
      last = await controller.refresh(app);
      if (done(last)) return last;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`condition not reached; last: ${JSON.stringify({ sync: last?.syncStatus, health: last?.health, resources: last?.resources.map(r => [r.key.kind, r.key.name, r.status, r.health?.status]) })}`);
  }

  it('syncs a kustomize application to Synced and Healthy, then notices a manual change', async () => {
    const app = kustomizeApp();
    const before = await controller.refresh(app);
    expect(before.syncStatus).toBe('OutOfSync');
    expect(before.images.desired.map(i => i.tag)).toEqual(['1.1.0']);

    const outcome = await controller.sync(app, {});
    expect(outcome.operation.phase).toBe('Succeeded');
    const synced = await refreshUntil(app, r => r.syncStatus === 'Synced' && r.health.status === 'Healthy');
    expect(synced.resources.map(r => `${r.key.kind}/${r.key.name}`).sort()).toEqual([
      'ConfigMap/web-config',
      'Deployment/web',
      'Secret/web-secret',
    ]);
    expect(synced.revision).toBe(await git.headOf('gitops'));
    // kinds without a health check have no health (as in Argo CD), neither in the comparison nor in the tree,
    // and do not count in the application's health
    const healthOf = (kind: string) => synced.resources.find(r => r.key.kind === kind)?.health;
    expect(healthOf('ConfigMap')).toBeUndefined();
    expect(healthOf('Secret')).toBeUndefined();
    expect(healthOf('Deployment')?.status).toBe('Healthy');
    const unassessed = synced.tree.filter(n => ['ConfigMap', 'Secret'].includes(n.key.kind));
    expect(unassessed.map(n => [n.key.kind, n.health])).toEqual(
      expect.arrayContaining([
        ['ConfigMap', undefined],
        ['Secret', undefined],
      ]),
    );
    expect(unassessed).toHaveLength(2);
    const replicaSets = synced.tree.filter(n => n.key.kind === 'ReplicaSet');
    expect(replicaSets.length).toBeGreaterThan(0);
    expect(replicaSets.map(n => n.health?.status)).toEqual(replicaSets.map(() => 'Healthy'));

    // someone edits the ConfigMap by hand: the engine sees the drift, and a sync (self-heal) reverts it
    const { client } = await connections.connect({ name: 'sim' });
    await client.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'web-prod' }, data: { mode: 'green' } },
      { fieldManager: 'kubectl-edit', force: true },
    );
    const drifted = await refreshUntil(app, r => r.syncStatus === 'OutOfSync');
    expect(drifted.resources.find(r => r.key.name === 'web-config')?.status).toBe('OutOfSync');
    const desiredConfig = drifted.desired.find(o => o.metadata?.name === 'web-config');
    const liveConfig = drifted.live.find(o => o.metadata?.name === 'web-config');
    expect(await resourceDiffText({ desired: desiredConfig, live: liveConfig })).toContain('green');
    // the sync applies the comparison it is given instead of rendering and comparing again
    const renders = jest.spyOn(renderer, 'render');
    try {
      expect((await controller.sync(app, {}, { refreshed: drifted })).operation.phase).toBe('Succeeded');
      expect(renders).not.toHaveBeenCalled();
    } finally {
      renders.mockRestore();
    }
    await refreshUntil(app, r => r.syncStatus === 'Synced');
    expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web-prod', name: 'web-config' }))?.data).toEqual({ mode: 'blue' });
  });

  it('shares the bodies of equal desired objects between applications, not their metadata', async () => {
    const prod = await controller.refresh(kustomizeApp());
    const twin = kustomizeApp();
    const other = await controller.refresh({
      name: 'web-twin',
      spec: { ...twin.spec, destination: { name: 'sim', namespace: 'web-twin' } },
    });
    const named = (objects: KubeObject[], name: string) => objects.find(o => o.metadata.name === name)!;
    expect(named(other.desired, 'web').spec).toBe(named(prod.desired, 'web').spec);
    expect(Object.isFrozen(named(prod.desired, 'web').spec)).toBe(true);
    expect(named(prod.desired, 'web').metadata.namespace).toBe('web-prod');
    expect(named(other.desired, 'web').metadata.namespace).toBe('web-twin');
    expect(named(other.desired, 'web-config').data).toEqual({ mode: 'blue' });
  });

  it('warns when another application already marks a desired object as its own (SharedResourceWarning)', async () => {
    // the first test synced web-prod into namespace web-prod; this one renders the same objects there
    const rival = { ...kustomizeApp(), name: 'web-rival', instance: 'team-b_web-rival' };
    await refreshUntil(kustomizeApp(), r => r.syncStatus === 'Synced');
    const compared = await controller.refresh(rival);
    expect(compared.conditions.filter(c => c.type === 'SharedResourceWarning').map(c => c.message).sort()).toEqual([
      'ConfigMap/web-config is part of applications web-prod and team-b_web-rival; keep it in one of them (a sync would take it over)',
      'Deployment/web is part of applications web-prod and team-b_web-rival; keep it in one of them (a sync would take it over)',
      'Secret/web-secret is part of applications web-prod and team-b_web-rival; keep it in one of them (a sync would take it over)',
    ]);
    expect((await controller.refresh(kustomizeApp())).conditions.map(c => c.type)).not.toContain('SharedResourceWarning');
  });

  it('keeps the Applications an app of apps renders out of the cluster, and hands them over after a sync', async () => {
    const published = new Map<string, KubeObject[]>();
    const parentController = new ApplicationController({
      renderer,
      clusters: connections,
      health: await HealthAssessor.create({}),
      executor: { pollIntervalMs: 20 },
      children: { published: ref => published.get(ref) ?? [] },
    });
    const app: EngineApplication = {
      name: 'apps',
      ref: 'application:default/apps',
      spec: {
        source: { repoURL, targetRevision: 'main', path: 'apps' },
        destination: { name: 'sim', namespace: 'apps' },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    };
    const before = await parentController.refresh(app);
    expect(before.syncStatus).toBe('OutOfSync');
    expect(before.resources.map(r => `${r.key.kind}/${r.key.name}:${r.status}`).sort()).toEqual([
      'Application/billing:OutOfSync',
      'Application/guestbook:OutOfSync',
      'ConfigMap/apps-config:OutOfSync',
    ]);

    const outcome = await parentController.sync(app, {});
    expect(outcome.operation.phase).toBe('Succeeded');
    expect(outcome.operation.resources.map(r => r.key.kind)).toEqual(['Namespace', 'ConfigMap']);
    expect(outcome.children?.map(c => c.metadata.name)).toEqual(['guestbook', 'billing']);

    published.set('application:default/apps', outcome.children!);
    const after = await refreshUntil(app, r => r.resources.some(x => x.key.name === 'apps-config' && x.status === 'Synced'));
    const synced = await parentController.refresh(app);
    expect(after.resources.length).toBe(3);
    expect(synced.syncStatus).toBe('Synced');
    // a child removed from Git is kept until a sync with prune
    published.set('application:default/apps', [...outcome.children!, { ...outcome.children![0], metadata: { name: 'retired', namespace: 'argocd' } }]);
    const extra = await parentController.refresh(app);
    expect(extra.resources.find(r => r.key.name === 'retired')).toMatchObject({ status: 'OutOfSync', requiresPruning: true });
    expect((await parentController.sync(app, {}, { refreshed: extra })).children?.map(c => c.metadata.name)).toEqual([
      'guestbook',
      'billing',
      'retired',
    ]);
    expect((await parentController.sync(app, { prune: true }, { refreshed: extra })).children?.map(c => c.metadata.name)).toEqual([
      'guestbook',
      'billing',
    ]);
  });

  it('never shows a Secret value in a diff or a manifest it reports', async () => {
    const app = kustomizeApp();
    const result = await controller.refresh(app);
    expect(JSON.stringify(result.resources)).not.toContain('hunter2-very-secret');
    expect(JSON.stringify(result.resources)).not.toContain(Buffer.from('hunter2-very-secret').toString('base64'));
  });

  it('prunes a resource removed from Git, and keeps it when Prune=false says so', async () => {
    const app = kustomizeApp();
    await git.commit('gitops', {
      'kustomize/base/kustomization.yaml': 'resources: [deployment.yaml, secret.yaml]\n',
    }, { message: 'drop the config map' });
    const pending = await refreshUntil(app, r => r.resources.some(x => x.requiresPruning));
    expect(pending.resources.find(r => r.requiresPruning)?.key.name).toBe('web-config');

    // without prune, the sync leaves it (OutOfSync stays)
    await controller.sync(app, { prune: false });
    const { client } = await connections.connect({ name: 'sim' });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web-prod', name: 'web-config' })).toBeDefined();
    const withPrune = await controller.sync(app, { prune: true });
    expect(withPrune.operation.resources.find(r => r.key.name === 'web-config')?.status).toBe('Pruned');
    await refreshUntil(app, r => r.syncStatus === 'Synced' && !r.resources.some(x => x.requiresPruning));
  });

  it('sees fields removed from Git as OutOfSync, by structured merge and by the server-side dry run of ServerSideDiff=true', async () => {
    const configMap = (name: string, data: string, options = '') =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels: {team: a}\n${options}data: {${data}}\n`;
    const serverSide = "  annotations: {argocd.argoproj.io/compare-options: 'ServerSideDiff=true'}\n";
    await git.commit('gitops', {
      'removal/merged.yaml': configMap('merged', 'a: "1", b: "2"'),
      'removal/dry-run.yaml': configMap('dry-run', 'a: "1", b: "2"', serverSide),
    }, { message: 'two config maps' });
    const app: EngineApplication = {
      name: 'removal',
      spec: {
        source: { repoURL, targetRevision: 'main', path: 'removal' },
        destination: { name: 'sim', namespace: 'removal' },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    };
    expect((await controller.sync(app, {})).operation.phase).toBe('Succeeded');
    const synced = await refreshUntil(app, r => r.syncStatus === 'Synced');
    expect(synced.conditions).toEqual([]);

    await git.commit('gitops', {
      'removal/merged.yaml': configMap('merged', 'a: "1"'),
      'removal/dry-run.yaml': configMap('dry-run', 'a: "1"', serverSide),
    }, { message: 'drop b' });
    const changed = await refreshUntil(app, r => r.resources.every(x => x.status === 'OutOfSync'));
    expect(changed.conditions).toEqual([]);
    expect(await controller.sync(app, {}, { refreshed: changed })).toMatchObject({ operation: { phase: 'Succeeded' } });
    await refreshUntil(app, r => r.syncStatus === 'Synced');
    const { client } = await connections.connect({ name: 'sim' });
    for (const name of ['merged', 'dry-run']) {
      expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'removal', name }))?.data).toEqual({ a: '1' });
    }
  });

  it("renders a Helm chart with the destination cluster's version and API versions, as Argo CD does", async () => {
    await git.commit('gitops', {
      'capchart/Chart.yaml': 'apiVersion: v2\nname: capchart\nversion: 0.1.0\n',
      'capchart/templates/config.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: caps}',
        'data:',
        '  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}',
        '  hasDeployments: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}',
        '  hasWidgets: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}',
        '',
      ].join('\n'),
    }, { message: 'a chart reading .Capabilities' });
    const app: EngineApplication = {
      name: 'caps',
      spec: {
        source: { repoURL, targetRevision: 'main', path: 'capchart' },
        destination: { name: 'sim', namespace: 'caps' },
      },
    };
    const data = (await controller.refresh(app)).desired.find(o => o.metadata.name === 'caps')?.data;
    // kube-sim reports v1.32.0-kube-sim; Helm's own default would be its build's version
    expect(data).toEqual({ kubeVersion: 'v1.32.0', hasDeployments: 'true', hasWidgets: 'false' });
  });

  it('syncs a Helm chart with per-environment values', async () => {
    const app: EngineApplication = {
      name: 'api-prod',
      spec: {
        source: { repoURL, targetRevision: 'main', path: 'chart', helm: { valueFiles: ['values-prod.yaml'] } },
        destination: { name: 'sim', namespace: 'api-prod' },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    };
    expect((await controller.sync(app, {})).operation.phase).toBe('Succeeded');
    const synced = await refreshUntil(app, r => r.syncStatus === 'Synced' && r.health.status === 'Healthy');
    const { client } = await connections.connect({ name: 'sim' });
    const live = (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'api-prod', name: 'api-prod' })) as KubeObject & { spec: { replicas: number } };
    expect(live.spec.replicas).toBe(3);
    expect(synced.images.live.map(i => `${i.repository}:${i.tag}`)).toContain('acme/api:2.0.0');
  });

  it('reports a crash-looping image: the Pods show the reason at once, the app turns Degraded at the progress deadline', async () => {
    await git.commit('gitops', {
      'kustomize/base/deployment.yaml': deployment('acme/web:1.0.0').replace('  replicas: 2\n', '  replicas: 2\n  progressDeadlineSeconds: 2\n'),
      'kustomize/prod/kustomization.yaml': 'resources: [../base]\nimages:\n  - name: acme/web\n    newTag: crashloop\n',
    }, { message: 'break the image' });
    const app = kustomizeApp();
    await controller.sync(app, {});
    // Argo CD semantics: the Deployment is Progressing until its deadline passes
    const crashing = await refreshUntil(app, r =>
      r.tree.some(n => n.key.kind === 'Pod' && n.health?.status === 'Degraded'),
    );
    const pod = crashing.tree.find(n => n.key.kind === 'Pod' && n.health?.status === 'Degraded')!;
    expect(pod.health?.message).toMatch(/CrashLoopBackOff|back-off/i);
    expect(pod.managed).toBe(false);
    const degraded = await refreshUntil(app, r => r.health.status === 'Degraded');
    expect(degraded.health.message).toMatch(/Deployment\/web: .*(progress|deadline)/i);
  });
});
