/*
 * End to end: an app of apps on the demo backend. A parent Application in
 * the catalog renders a child Application; after the parent's sync the
 * catalog module publishes the child as an entity of its own, and the
 * engine deploys it to the embedded cluster.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  findRepoRoot,
  startDemoPortal,
  type DemoPortal,
} from '@slipway/test-utils';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import {
  DEMO_GITOPS_URL,
  GitOpsWorkingCopy,
} from './__testUtils__/GitOpsWorkingCopy';
import { PortalApi } from './__testUtils__/PortalApi';
import { waitUntil } from './__testUtils__/portalPage';

jest.setTimeout(900_000);

const root = findRepoRoot();

const PARENT = `---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: team-apps
spec:
  project: default
  source: { repoURL: ${DEMO_GITOPS_URL}, targetRevision: main, path: team-apps }
  destination: { name: embedded, namespace: team-apps }
  syncPolicy:
    automated: { prune: true }
    syncOptions: [CreateNamespace=true]
`;

const CHILD = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: team-notes
  namespace: argocd
spec:
  project: default
  source: { repoURL: ${DEMO_GITOPS_URL}, targetRevision: main, path: team/notes }
  destination: { name: embedded, namespace: team-notes }
  syncPolicy:
    automated: {}
    syncOptions: [CreateNamespace=true]
`;

describe('an app of apps on the demo portal', () => {
  let gitops: GitOpsWorkingCopy;
  let portal: DemoPortal | undefined;
  let api: PortalApi;

  beforeAll(async () => {
    gitops = GitOpsWorkingCopy.create(path.join(root, 'examples/gitops'));
    fs.appendFileSync(path.join(gitops.dir, 'catalog-info.yaml'), PARENT);
    fs.mkdirSync(path.join(gitops.dir, 'team-apps'));
    fs.writeFileSync(path.join(gitops.dir, 'team-apps/notes.yaml'), CHILD);
    fs.mkdirSync(path.join(gitops.dir, 'team/notes'), { recursive: true });
    fs.writeFileSync(
      path.join(gitops.dir, 'team/notes/config.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata: {owner: team}\n',
    );
    gitops.commit('team-apps: an app of apps with one child');
    portal = await startDemoPortal({
      config: {
        catalog: {
          processingInterval: { seconds: 3 },
          locations: [
            {
              type: 'file',
              target: path.join(gitops.dir, 'catalog-info.yaml'),
            },
            {
              type: 'file',
              target: path.join(root, 'examples/org.yaml'),
              rules: [{ allow: ['User', 'Group'] }],
            },
          ],
        },
        slipway: {
          repositories: [{ url: DEMO_GITOPS_URL, localPath: gitops.dir }],
          reconcile: { refreshInterval: '10s' },
          inventory: { refreshInterval: '2s' },
          operations: { pollInterval: '1s' },
        },
      },
    });
    api = await PortalApi.signInAsGuest(portal.baseUrl);
  }, 900_000);

  afterAll(async () => {
    await portal?.stop();
    gitops?.remove();
  });

  it('publishes the child Application after the parent synced, and the engine deploys it', async () => {
    try {
      const parent = await waitUntil('team-apps to be Synced', async () => {
        const app = await api.get<SlipwayApplication>(
          '/api/slipway/applications/default/team-apps',
        );
        return app?.sync.status === 'Synced' ? app : undefined;
      });
      expect(parent.health.status).not.toBe('Degraded');
      const child = await waitUntil(
        'the catalog to have application:default/team-notes, part of team-apps',
        async () => {
          const entity = await api.get<{
            metadata: { annotations?: Record<string, string> };
            relations?: Array<{ type: string; targetRef: string }>;
          }>('/api/catalog/entities/by-name/application/default/team-notes');
          return entity?.relations?.some(
            r =>
              r.type === 'partOf' &&
              r.targetRef === 'application:default/team-apps',
          )
            ? entity
            : undefined;
        },
      );
      expect(
        child.metadata.annotations?.['slipway.io/parent-application'],
      ).toBe('application:default/team-apps');
      const deployed = await waitUntil(
        'team-notes to be Synced and Healthy',
        async () => {
          const app = await api.get<SlipwayApplication>(
            '/api/slipway/applications/default/team-notes',
          );
          return app?.sync.status === 'Synced' &&
            app.health.status === 'Healthy'
            ? app
            : undefined;
        },
      );
      expect(deployed.destinationNamespace).toBe('team-notes');
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- backend output ---\n${
          portal?.logs() ?? '(no portal)'
        }`,
      );
    }
  });
});
