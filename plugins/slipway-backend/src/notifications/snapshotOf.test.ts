import type { ApplicationState } from '../reconciler/ApplicationState';
import { snapshotOf } from './snapshotOf';

const key = (kind: string, name: string, namespace = 'payments') => ({ group: kind === 'Deployment' ? 'apps' : '', kind, namespace, name });

describe('snapshotOf', () => {
  it('is undefined before the first comparison', () => {
    expect(snapshotOf(undefined)).toBeUndefined();
  });

  it('names the unhealthy and differing resources, the conditions and the project violations', () => {
    const state = {
      sync: 'OutOfSync',
      health: 'Degraded',
      violations: [{ type: 'ResourceNotPermitted', message: 'Namespace payments is not permitted in project default' }],
      refreshed: {
        health: { status: 'Degraded', message: 'progress deadline exceeded' },
        conditions: [{ type: 'SharedResourceWarning', message: 'ConfigMap payments/config is also managed by shop' }],
        resources: [
          { key: key('Deployment', 'web'), status: 'Synced', health: { status: 'Degraded', message: 'progress deadline exceeded' } },
          { key: key('ConfigMap', 'config'), status: 'OutOfSync', health: { status: 'Healthy' } },
          { key: key('Namespace', 'payments', ''), status: 'OutOfSync', health: { status: 'Missing' } },
        ],
      },
    } as unknown as ApplicationState;
    expect(snapshotOf(state)).toEqual({
      sync: 'OutOfSync',
      health: 'Degraded',
      healthMessage: 'progress deadline exceeded',
      unhealthy: [
        { resource: 'Deployment payments/web', status: 'Degraded', message: 'progress deadline exceeded' },
        { resource: 'Namespace payments', status: 'Missing', message: undefined },
      ],
      outOfSync: ['ConfigMap payments/config', 'Namespace payments'],
      conditions: [
        { type: 'SharedResourceWarning', message: 'ConfigMap payments/config is also managed by shop' },
        { type: 'ResourceNotPermitted', message: 'Namespace payments is not permitted in project default' },
      ],
    });
  });
});
