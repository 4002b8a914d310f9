import {
  humioClusterHealth,
  humioComponentHealth,
  humioHealthChecks,
} from './HumioHealth';
import { kube } from '../testObjects';

const API = 'core.humio.com/v1alpha1';
const inProgress = { status: 'Progressing', message: 'Update in progress' };

describe('Humio component health', () => {
  const view = (status?: object) =>
    kube(API, 'HumioView', status ? { status } : {});

  it('maps the component state, quoting it', () => {
    const cases: Array<[string, string]> = [
      ['Exists', 'Healthy'],
      ['NotFound', 'Missing'],
      ['ConfigError', 'Degraded'],
      ['Unknown', 'Unknown'],
    ];
    for (const [state, status] of cases) {
      expect(humioComponentHealth(view({ state }))).toEqual({
        status,
        message: `Component state: ${state}.`,
      });
    }
  });

  it('is in progress without a known state', () => {
    expect(humioComponentHealth(view())).toEqual(inProgress);
    expect(humioComponentHealth(view({}))).toEqual(inProgress);
    expect(humioComponentHealth(view({ state: 'Creating' }))).toEqual(
      inProgress,
    );
  });
});

describe('Humio HumioCluster health', () => {
  const cluster = (status?: object) =>
    kube(API, 'HumioCluster', status ? { status } : {});

  it('maps cluster states to health with default messages', () => {
    const cases: Array<[string, string, string]> = [
      ['Running', 'Healthy', 'Cluster is in a healthy running state'],
      ['Restarting', 'Progressing', 'Cluster pods are being restarted'],
      ['Upgrading', 'Progressing', 'Cluster pods are being upgraded'],
      [
        'Pending',
        'Progressing',
        'Cluster is waiting on resources to be provisioned',
      ],
      [
        'ConfigError',
        'Degraded',
        'User-provided cluster specification resulted in a configuration error',
      ],
      ['Unknown', 'Unknown', 'Component state: Unknown.'],
    ];
    for (const [state, status, message] of cases) {
      expect(humioClusterHealth(cluster({ state }))).toEqual({
        status,
        message,
      });
    }
  });

  it("prefers the operator's own message", () => {
    expect(
      humioClusterHealth(
        cluster({
          state: 'ConfigError',
          message: 'Secret "license" not found',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Secret "license" not found' });
  });

  it('is in progress in any other state', () => {
    expect(humioClusterHealth(cluster({ state: 'Bootstrapping' }))).toEqual(
      inProgress,
    );
    expect(humioClusterHealth(cluster({ message: 'no state' }))).toEqual(
      inProgress,
    );
  });

  it('reports a missing status as a script failure, as Argo CD does', () => {
    expect(humioClusterHealth(cluster()).status).toBe('Unknown');
  });
});

describe('humioHealthChecks', () => {
  it('uses the component check for every kind but the cluster', () => {
    const { 'core.humio.com/HumioCluster': clusterCheck, ...components } =
      humioHealthChecks;
    expect(clusterCheck).toBe(humioClusterHealth);
    expect(Object.keys(components).sort()).toEqual([
      'core.humio.com/HumioAction',
      'core.humio.com/HumioAlert',
      'core.humio.com/HumioIngestToken',
      'core.humio.com/HumioParser',
      'core.humio.com/HumioRepository',
      'core.humio.com/HumioView',
    ]);
    for (const check of Object.values(components)) {
      expect(check).toBe(humioComponentHealth);
    }
  });
});
