import type { Refreshed } from '../../engine/app/ApplicationController';
import type { InventoryApplication } from '../../inventory';
import type { Operation } from '../../store';

/** The one application the reconciler and operation tests work on. */
export const WEB_REF = 'application:default/web';
export const WEB_REPO = 'https://git.example.com/gitops.git';

/** The inventory entry of `web`: apps/web of the repository, to namespace web of cluster sim. */
export function webInventoryItem(
  options: { repoURL?: string; targetRevision?: string; specHash?: string } = {},
): InventoryApplication {
  return {
    entityRef: WEB_REF,
    app: {
      name: 'web',
      spec: {
        project: 'default',
        source: { repoURL: options.repoURL ?? WEB_REPO, path: 'apps/web', targetRevision: options.targetRevision ?? 'main' },
        destination: { name: 'sim', namespace: 'web' },
      },
    },
    specHash: options.specHash ?? 'spec-1',
    project: 'default',
    entityNamespace: 'default',
  };
}

/** A comparison of `web` at a commit: Synced and Healthy, nothing in it. */
export function refreshedAt(commit: string, repoURL = WEB_REPO): Refreshed {
  return {
    syncStatus: 'Synced',
    health: { status: 'Healthy' },
    resources: [],
    tree: [],
    images: { desired: [], live: [] },
    charts: [],
    sources: [{ repoURL, path: 'apps/web', revision: commit, type: 'Directory' }],
    revision: commit,
    conditions: [],
    desired: [],
    live: [],
  };
}

/** A running sync of `web`, claimed once. */
export function runningOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    applicationRef: WEB_REF,
    kind: 'sync',
    request: {},
    initiator: 'automated',
    phase: 'Running',
    attempts: 1,
    createdAt: new Date(0).toISOString(),
    startedAt: new Date(0).toISOString(),
    ...overrides,
  };
}
