import {
  deploymentConfigHealth,
  openShiftHealthChecks,
  routeHealth,
  subscriptionHealth,
} from './OpenShiftHealth';
import { kube } from '../testObjects';

describe('OLM Subscription health', () => {
  const sub = (conditions?: object[]) =>
    kube('operators.coreos.com/v1alpha1', 'Subscription', {
      status: conditions ? { conditions } : {},
    });
  const catalogsHealthy = { type: 'CatalogSourcesUnhealthy', status: 'False' };
  const pendingMessage =
    'An install plan for a subscription is pending installation';

  it('is Progressing until OLM reports conditions', () => {
    expect(subscriptionHealth(sub())).toEqual({
      status: 'Progressing',
      message: pendingMessage,
    });
  });

  it('is Healthy with every condition listed, numbered from 1', () => {
    expect(
      subscriptionHealth(
        sub([catalogsHealthy, { type: 'BundleUnpacking', status: 'False' }]),
      ),
    ).toEqual({
      status: 'Healthy',
      message:
        '1: CatalogSourcesUnhealthy | False\n2: BundleUnpacking | False\n',
    });
  });

  it('is Progressing while an install plan is pending', () => {
    expect(
      subscriptionHealth(
        sub([catalogsHealthy, { type: 'InstallPlanPending', status: 'True' }]),
      ),
    ).toEqual({ status: 'Progressing', message: pendingMessage });
  });

  it.each(['CatalogSourcesUnhealthy', 'InstallPlanFailed', 'ResolutionFailed'])(
    'is Degraded when %s is True, even with a pending plan',
    type => {
      expect(
        subscriptionHealth(
          sub([
            { type: 'InstallPlanPending', status: 'True' },
            { type, status: 'True' },
          ]),
        ),
      ).toEqual({
        status: 'Degraded',
        message: `1: InstallPlanPending | True\n2: ${type} | True\n`,
      });
    },
  );

  it('is Degraded on InstallPlanMissing, whatever its status', () => {
    expect(
      subscriptionHealth(
        sub([{ type: 'InstallPlanMissing', status: 'False', reason: 'Other' }]),
      ).status,
    ).toBe('Degraded');
  });

  it('ignores a missing install plan that OLM cleaned up', () => {
    expect(
      subscriptionHealth(
        sub([
          catalogsHealthy,
          {
            type: 'InstallPlanMissing',
            status: 'True',
            reason: 'ReferencedInstallPlanNotFound',
          },
        ]),
      ),
    ).toEqual({
      status: 'Healthy',
      message:
        '1: CatalogSourcesUnhealthy | False\n2: InstallPlanMissing | True\n',
    });
  });

  it('is Unknown when a condition lacks its type or status, where Argo CD’s script fails', () => {
    expect(subscriptionHealth(sub([{ type: 'X' }])).status).toBe('Unknown');
  });
});

describe('OpenShift Route health', () => {
  const route = (ingress?: object[]) =>
    kube('route.openshift.io/v1', 'Route', {
      status: ingress ? { ingress } : {},
    });
  const router = (...statuses: string[]) => ({
    conditions: statuses.map(status => ({ type: 'Admitted', status })),
  });

  it('is Progressing until a router reports', () => {
    expect(routeHealth(route())).toEqual({
      status: 'Progressing',
      message: 'Route is still getting admitted',
    });
  });

  it('is Healthy when every router admitted it', () => {
    expect(routeHealth(route([router('True'), router('True')]))).toEqual({
      status: 'Healthy',
      message: 'Route is healthy',
    });
  });

  it('is Healthy with an empty ingress list', () => {
    expect(routeHealth(route([])).status).toBe('Healthy');
  });

  it('is Degraded when a router refused it', () => {
    expect(routeHealth(route([router('True'), router('False')]))).toEqual({
      status: 'Degraded',
      message: 'Route is degraded',
    });
  });

  it('is Progressing while admission is undecided', () => {
    expect(routeHealth(route([router('Unknown')]))).toEqual({
      status: 'Progressing',
      message: 'Route is still getting admitted',
    });
  });

  it('is Unknown when a router entry has no conditions, where Argo CD’s script fails', () => {
    expect(routeHealth(route([{ routerName: 'default' }])).status).toBe(
      'Unknown',
    );
  });
});

describe('OpenShift DeploymentConfig health', () => {
  const dc = (status: object) =>
    kube('apps.openshift.io/v1', 'DeploymentConfig', { status });
  const available = { type: 'Available', status: 'True' };
  const rolledOut = {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicationControllerAvailable',
  };
  const waiting = {
    status: 'Progressing',
    message: 'replication controller is waiting for pods to run',
  };
  const healthy = {
    status: 'Healthy',
    message: 'replication controller successfully rolled out',
  };

  it('is Progressing until conditions and replicas are reported', () => {
    expect(deploymentConfigHealth(dc({}))).toEqual(waiting);
    expect(deploymentConfigHealth(dc({ conditions: [available] }))).toEqual(
      waiting,
    );
  });

  it('is Healthy when available and rolled out', () => {
    expect(
      deploymentConfigHealth(
        dc({ replicas: 3, conditions: [available, rolledOut] }),
      ),
    ).toEqual(healthy);
  });

  it('is Healthy when scaled to zero', () => {
    expect(deploymentConfigHealth(dc({ replicas: 0, conditions: [] }))).toEqual(
      healthy,
    );
  });

  it('is Progressing with only one of the two, such as a rollout in flight', () => {
    expect(
      deploymentConfigHealth(
        dc({
          replicas: 3,
          conditions: [
            available,
            {
              type: 'Progressing',
              status: 'True',
              reason: 'ReplicationControllerUpdated',
            },
          ],
        }),
      ),
    ).toEqual(waiting);
  });

  it('is Degraded with neither', () => {
    expect(
      deploymentConfigHealth(
        dc({
          replicas: 3,
          conditions: [{ type: 'Available', status: 'False' }],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Deployment config is degraded' });
  });
});

describe('openShiftHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(openShiftHealthChecks).sort()).toEqual([
      'apps.openshift.io/DeploymentConfig',
      'operators.coreos.com/Subscription',
      'route.openshift.io/Route',
    ]);
  });
});
