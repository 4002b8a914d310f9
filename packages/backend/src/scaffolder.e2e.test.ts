/*
 * End to end: the "New environment for a service" template run through the
 * scaffolder's REST API on the real demo backend, as the portal's Create
 * form runs it. The demo's GitOps repository is a throwaway Git repository
 * (a copy of examples/gitops) that the template commits to; the catalog
 * reads its ApplicationSets from there, and the engine deploys the new
 * environment to the embedded cluster.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot, startDemoPortal, type DemoPortal } from '@slipway/test-utils';
import type {
  OperationSummary,
  ResourceDetailResponse,
  ResourceTreeResponse,
  SlipwayApplication,
} from '@slipway/plugin-slipway-common';
import { DEMO_GITOPS_URL, GitOpsWorkingCopy } from './__testUtils__/GitOpsWorkingCopy';
import { PortalApi } from './__testUtils__/PortalApi';
import { waitUntil } from './__testUtils__/portalPage';
import { runTemplate } from './__testUtils__/scaffolderTask';

jest.setTimeout(900_000);

const root = findRepoRoot();
const TEMPLATE = 'template:default/slipway-new-environment';
const PAYMENTS_APPSET = 'applicationsets/payments.yaml';
const IMAGE = 'ghcr.io/slipway-demo/payments';

/** What the test reads of a catalog entity. */
interface Entity {
  spec?: Record<string, unknown>;
  relations?: Array<{ type: string; targetRef: string }>;
}

/**
 * The demo configuration with the GitOps repository URL served from `repositoryDir`,
 * the catalog reading its ApplicationSets there, and intervals short enough
 * for the demo to converge within a test.
 */
function demoConfig(repositoryDir: string) {
  return {
    catalog: {
      processingInterval: { seconds: 3 },
      // Backstage replaces arrays when it merges configuration: every location the test needs.
      locations: [
        { type: 'file', target: path.join(repositoryDir, 'catalog-info.yaml') },
        { type: 'file', target: path.join(root, 'examples/org.yaml'), rules: [{ allow: ['User', 'Group'] }] },
        {
          type: 'file',
          target: path.join(root, 'examples/templates/new-environment/template.yaml'),
          rules: [{ allow: ['Template'] }],
        },
      ],
    },
    slipway: {
      repositories: [{ url: DEMO_GITOPS_URL, localPath: repositoryDir }],
      reconcile: { refreshInterval: '10s' },
      inventory: { refreshInterval: '2s' },
      operations: { pollInterval: '1s' },
    },
  };
}

describe('the new-environment template on the demo portal', () => {
  let gitops: GitOpsWorkingCopy;
  let portal: DemoPortal | undefined;
  let api: PortalApi;

  const git = (...args: string[]) => execFileSync('git', args, { cwd: gitops.dir, encoding: 'utf8' }).trim();
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  /** Runs a test body; on failure attaches the backend's output. */
  const step = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- backend output ---\n${portal?.logs() ?? '(no portal)'}`);
    }
  };

  beforeAll(async () => {
    gitops = GitOpsWorkingCopy.create(path.join(root, 'examples/gitops'));
    portal = await startDemoPortal({ config: demoConfig(gitops.dir) });
    const signedIn = await PortalApi.signInAsGuest(portal.baseUrl);
    api = signedIn;
    // The form needs the template and the ApplicationSet it picks from the catalog.
    for (const ref of ['template/default/slipway-new-environment', 'applicationset/default/payments']) {
      await waitUntil(`the catalog has ${ref}`, () => signedIn.get<Entity>(`/api/catalog/entities/by-name/${ref}`));
    }
  }, 900_000);

  afterAll(async () => {
    await portal?.stop();
    gitops?.remove();
  });

  it(
    'adds qa to payments: one commit, a new Application in the catalog, deployed to kube-sim, Synced and Healthy',
    step(async () => {
      const before = gitops.head();
      const task = await runTemplate(api, TEMPLATE, {
        applicationSet: 'applicationset:default/payments',
        environment: 'qa',
        copyFrom: 'dev',
        cluster: 'embedded',
        imageTag: '1.5.1',
        replicas: 2,
      });
      if (task.status !== 'completed') {
        throw new Error(`the task ${task.status}: ${task.error?.message ?? '(no error)'}\n--- task log ---\n${task.log.join('\n')}`);
      }

      // One commit on main of the repository: the list element and the copied overlay, nothing else.
      const commit = gitops.head();
      expect(commit).not.toBe(before);
      expect(git('rev-parse', `${commit}^`)).toBe(before);
      expect(git('diff-tree', '--no-commit-id', '--name-status', '-r', commit).split('\n')).toEqual([
        `M\t${PAYMENTS_APPSET}`,
        'A\tapps/payments/overlays/qa/kustomization.yaml',
      ]);
      expect(git('status', '--porcelain')).toBe('');
      const appset = gitops.read(PAYMENTS_APPSET);
      expect(appset).toContain('# payments: one kustomize base, one overlay per environment.');
      expect(appset).toMatch(/- env: qa\n {12}cluster: embedded/);
      const overlay = gitops.read('apps/payments/overlays/qa/kustomization.yaml');
      expect(overlay).toContain('newTag: 1.5.1');
      expect(overlay).toContain('count: 2');

      // The template's output names the commit, the branch and the new Application.
      expect(task.output?.links).toEqual([
        expect.objectContaining({ title: 'Open payments-qa', entityRef: 'application:default/payments-qa' }),
      ]);
      expect(task.output?.text?.[0]?.content).toContain(`Committed \`${commit}\` on branch \`main\` of ${DEMO_GITOPS_URL}`);

      // The catalog read the committed ApplicationSet: the new Application, part of payments.
      const entity = await waitUntil('the catalog has application:default/payments-qa', () =>
        api.get<Entity>('/api/catalog/entities/by-name/application/default/payments-qa'),
      );
      expect(entity.spec).toMatchObject({
        source: { repoURL: DEMO_GITOPS_URL, path: 'apps/payments/overlays/qa' },
        destination: { name: 'embedded', namespace: 'payments-qa' },
      });
      expect(entity.relations).toEqual(
        expect.arrayContaining([{ type: 'partOf', targetRef: 'applicationset:default/payments' }]),
      );

      // The engine deployed that commit and reports it as Argo CD would.
      const status = await waitUntil(
        'Slipway reports payments-qa Synced and Healthy at the new commit',
        async () => {
          const app = await api.get<SlipwayApplication>('/api/slipway/applications/default/payments-qa');
          return app?.sync.status === 'Synced' && app.health.status === 'Healthy' && app.sync.revision === commit
            ? app
            : undefined;
        },
        { seen: async () => json(await api.get('/api/slipway/applications/default/payments-qa')) },
      );
      expect(status).toMatchObject({ cluster: 'embedded', destinationNamespace: 'payments-qa', environment: 'qa' });
      // The template's deploy step synced it on behalf of the user who ran the template.
      const operations = await api.get<{ items: OperationSummary[] }>('/api/slipway/applications/default/payments-qa/operations');
      expect(operations?.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'sync', initiator: 'user:development/guest', phase: 'Succeeded' })]),
      );

      // The objects exist in the embedded cluster, as the overlay made them.
      const tree = await api.get<ResourceTreeResponse>('/api/slipway/applications/default/payments-qa/tree');
      const managed = (tree?.nodes ?? []).filter(n => n.managed).map(n => `${n.kind} ${n.namespace}/${n.name} ${n.syncStatus}`);
      expect(managed.sort()).toEqual([
        'ConfigMap payments-qa/payments-config Synced',
        'Deployment payments-qa/payments Synced',
        'Service payments-qa/payments Synced',
      ]);
      const deployment = await api.get<ResourceDetailResponse>(
        '/api/slipway/applications/default/payments-qa/resource?group=apps&kind=Deployment&namespace=payments-qa&name=payments',
      );
      const live = deployment?.live as any;
      expect(live?.metadata?.uid).toEqual(expect.any(String));
      expect(live?.spec?.replicas).toBe(2);
      expect(live?.spec?.template?.spec?.containers?.[0]?.image).toBe(`${IMAGE}:1.5.1`);
      expect(live?.status?.readyReplicas).toBe(2);
      expect(deployment?.diff).toBe('');
    }),
  );

  it(
    'refuses an environment that exists with a clear message and leaves the repository unchanged',
    step(async () => {
      const before = gitops.head();
      const appsetBefore = gitops.read(PAYMENTS_APPSET);
      const task = await runTemplate(api, TEMPLATE, {
        applicationSet: 'applicationset:default/payments',
        environment: 'staging',
        copyFrom: 'dev',
        cluster: 'embedded',
      });
      expect(task.status).toBe('failed');
      expect(task.error?.message).toBe("ApplicationSet 'payments' already has environment 'staging'; choose another name");
      expect(gitops.head()).toBe(before);
      expect(git('status', '--porcelain')).toBe('');
      expect(gitops.read(PAYMENTS_APPSET)).toBe(appsetBefore);
      // The deploy step never ran.
      expect(task.log).toContain('Beginning step Commit the environment to the GitOps repository');
      expect(task.log).not.toContain('Beginning step Deploy and wait until Synced and Healthy');
    }),
  );
});
