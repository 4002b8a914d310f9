/*
 * Shared test data for Slipway's cards: a Component with three environments.
 */
import type { Entity } from '@backstage/catalog-model';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import type { SlipwayApi } from '../api';

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  relations: [
    { type: 'dependsOn', targetRef: 'application:default/payments-dev' },
    { type: 'dependsOn', targetRef: 'application:default/payments-prod' },
  ],
};

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** An application of the payments component, Synced and Healthy unless overridden. */
export function application(
  environment: string,
  overrides: Partial<SlipwayApplication> = {},
): SlipwayApplication {
  return {
    entityRef: `application:default/payments-${environment}`,
    name: `payments-${environment}`,
    componentRef: 'component:default/payments',
    project: 'default',
    cluster: `${environment}-cluster`,
    destinationNamespace: `payments-${environment}`,
    environment,
    sync: { status: 'Synced', revision: SHA },
    health: { status: 'Healthy' },
    commit: {
      sha: SHA,
      author: 'Ada Lovelace',
      message: 'Bump payments to 1.4.2\n\nlonger body',
      url: `https://git.example.com/payments/commit/${SHA}`,
    },
    conditions: [],
    syncPolicy: { automated: true, prune: true, selfHeal: false },
    syncWindow: { allowed: true, manualAllowed: true },
    operation: {
      id: `op-${environment}`,
      entityRef: `application:default/payments-${environment}`,
      kind: 'sync',
      phase: 'Succeeded',
      initiator: 'user:default/ada',
      request: {},
      createdAt: '2024-01-01T10:00:00Z',
      finishedAt: '2024-01-01T10:01:00Z',
    },
    ...overrides,
  };
}

/** A SlipwayApi whose every method is a jest mock that fails unless a test sets it up. */
export function mockSlipwayApi(): jest.Mocked<SlipwayApi> {
  const fail = (name: string) =>
    jest.fn(async () => {
      throw new Error(`unexpected call of ${name}`);
    });
  return {
    listApplications: fail('listApplications'),
    getApplication: fail('getApplication'),
    getResourceTree: fail('getResourceTree'),
    getResource: fail('getResource'),
    getHistory: fail('getHistory'),
    getVersions: fail('getVersions'),
    listOperations: fail('listOperations'),
    getOperationEvents: fail('getOperationEvents'),
    sync: fail('sync'),
    rollback: fail('rollback'),
    refresh: fail('refresh'),
    terminateOperation: fail('terminateOperation'),
  } as unknown as jest.Mocked<SlipwayApi>;
}
