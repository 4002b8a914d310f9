import {
  kafkaClusterHealth,
  keycloakHealth,
  kialiHealth,
  logstashHealth,
  managedCertificateHealth,
  platformServicesHealthChecks,
} from './PlatformServicesHealth';
import { kube } from '../testObjects';

describe('Keycloak health', () => {
  const keycloak = (status?: object) =>
    kube('k8s.keycloak.org/v2alpha1', 'Keycloak', status ? { status } : {});
  const at = (
    time: string | null,
    type: string,
    status: string,
    message = '',
  ) => ({
    type,
    status,
    message,
    lastTransitionTime: time,
  });

  it('waits until the operator writes conditions', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for Keycloak status conditions to exist',
    };
    expect(keycloakHealth(keycloak())).toEqual(waiting);
    expect(keycloakHealth(keycloak({ instances: 1 }))).toEqual(waiting);
  });

  it('is Healthy, with an empty message, once Ready is true', () => {
    expect(
      keycloakHealth(
        keycloak({
          conditions: [
            at('2024-10-09T09:55:28Z', 'Ready', 'True'),
            at('2024-10-08T11:11:08Z', 'HasErrors', 'False', 'a warning'),
          ],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: '' });
  });

  it('is Degraded with the error when HasErrors is true', () => {
    expect(
      keycloakHealth(
        keycloak({
          conditions: [
            at('2024-10-09T10:13:00Z', 'Ready', 'False', 'more replicas'),
            at('2024-10-09T10:14:12Z', 'HasErrors', 'True', 'CrashLoopBackOff'),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Has Errors: CrashLoopBackOff' });
  });

  it('lets the older of two true verdicts decide, undated conditions last', () => {
    const ready = at('2024-10-09T10:00:00Z', 'Ready', 'True');
    const errors = at('2024-10-09T09:00:00Z', 'HasErrors', 'True', 'boom');
    expect(keycloakHealth(keycloak({ conditions: [ready, errors] }))).toEqual({
      status: 'Degraded',
      message: 'Has Errors: boom',
    });
    const undated = at(null, 'HasErrors', 'True', 'boom');
    expect(keycloakHealth(keycloak({ conditions: [undated, ready] }))).toEqual({
      status: 'Healthy',
      message: '',
    });
  });

  it('is Progressing, with an empty message, while rolling out', () => {
    expect(
      keycloakHealth(
        keycloak({
          conditions: [
            at('2024-10-09T10:13:00Z', 'Ready', 'False', 'more replicas'),
            at('2024-10-09T10:12:59Z', 'RollingUpdate', 'True', 'rolling'),
          ],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: '' });
    expect(keycloakHealth(keycloak({ conditions: [] }))).toEqual({
      status: 'Progressing',
      message: '',
    });
  });

  it('leaves null conditions out and reads the ones after them', () => {
    expect(
      keycloakHealth(
        keycloak({
          conditions: [
            null,
            at('2024-10-09T10:14:12Z', 'HasErrors', 'True', 'CrashLoopBackOff'),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Has Errors: CrashLoopBackOff' });
  });

  it('is Unknown where Argo CD fails: a true HasErrors without a message', () => {
    expect(
      keycloakHealth(
        keycloak({ conditions: [{ type: 'HasErrors', status: 'True' }] }),
      ).status,
    ).toBe('Unknown');
  });
});

describe('Koperator KafkaCluster health', () => {
  const broker = (
    configurationState = 'ConfigInSync',
    cruiseControlState = 'GracefulUpscaleSucceeded',
  ) => ({ configurationState, gracefulActionState: { cruiseControlState } });
  const cluster = (status?: object) =>
    kube(
      'kafka.banzaicloud.io/v1beta1',
      'KafkaCluster',
      status ? { status } : {},
    );
  const settled = {
    '0': broker(),
    '1': broker('ConfigInSync', 'GracefulDownscaleSucceeded'),
  };
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for KafkaCluster',
  };

  it('waits without a status or without broker states', () => {
    expect(kafkaClusterHealth(cluster())).toEqual(waiting);
    expect(kafkaClusterHealth(cluster({ state: 'ClusterRunning' }))).toEqual(
      waiting,
    );
  });

  it('is Healthy when every broker is settled, Cruise Control is ready and the cluster runs', () => {
    expect(
      kafkaClusterHealth(
        cluster({
          brokersState: { '101': broker(), '205': broker() },
          cruiseControlTopicStatus: 'CruiseControlTopicReady',
          state: 'ClusterRunning',
        }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Kafka Brokers, CruiseControl and cluster are in Healthy State.',
    });
  });

  it('is Degraded when a broker is out of sync or not settled', () => {
    const degraded = {
      status: 'Degraded',
      message:
        'Broker Config is out of Sync or CruiseControlState is not Ready',
    };
    for (const odd of [
      broker('ConfigOutOfSync'),
      broker('ConfigInSync', 'GracefulUpscaleRunning'),
    ]) {
      expect(
        kafkaClusterHealth(
          cluster({
            brokersState: { ...settled, '2': odd },
            cruiseControlTopicStatus: 'CruiseControlTopicReady',
            state: 'ClusterRunning',
          }),
        ),
      ).toEqual(degraded);
    }
  });

  it('is Progressing through a rolling upgrade, even with brokers out of sync', () => {
    expect(
      kafkaClusterHealth(
        cluster({
          brokersState: { '0': broker('ConfigOutOfSync') },
          state: 'ClusterRollingUpgrading',
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Kafka Cluster is Rolling Upgrading.',
    });
  });

  it('is Progressing while reconciling before the Cruise Control topic is ready', () => {
    const reconciling = {
      status: 'Progressing',
      message: 'Kafka Cluster is Reconciling.',
    };
    expect(
      kafkaClusterHealth(
        cluster({
          brokersState: settled,
          cruiseControlTopicStatus: 'CruiseControlTopicNotReady',
          state: 'ClusterReconciling',
        }),
      ),
    ).toEqual(reconciling);
    expect(
      kafkaClusterHealth(
        cluster({ brokersState: settled, state: 'ClusterReconciling' }),
      ),
    ).toEqual(reconciling);
  });

  it('waits in any other settled state', () => {
    expect(
      kafkaClusterHealth(
        cluster({
          brokersState: settled,
          cruiseControlTopicStatus: 'CruiseControlTopicNotReady',
          state: 'ClusterRunning',
        }),
      ),
    ).toEqual(waiting);
  });

  it('is Unknown where Argo CD fails: an in-sync broker without a graceful state', () => {
    expect(
      kafkaClusterHealth(
        cluster({
          brokersState: { '0': { configurationState: 'ConfigInSync' } },
        }),
      ).status,
    ).toBe('Unknown');
    expect(kafkaClusterHealth(cluster({ brokersState: 'none' })).status).toBe(
      'Unknown',
    );
  });
});

describe('Kiali health', () => {
  const kiali = (conditions?: object[]) =>
    kube(
      'kiali.io/v1alpha1',
      'Kiali',
      conditions ? { status: { conditions } } : {},
    );
  const idle = {
    type: 'Running',
    status: 'True',
    reason: 'Successful',
    message: 'Awaiting next reconciliation',
  };

  it('waits without conditions', () => {
    const waiting = { status: 'Progressing', message: 'Waiting for Kiali' };
    expect(kialiHealth(kiali())).toEqual(waiting);
    expect(kialiHealth(kiali([idle]))).toEqual(waiting);
  });

  it('takes the first telling condition, with its message', () => {
    const failureOff = { type: 'Failure', status: 'False', message: '' };
    expect(
      kialiHealth(
        kiali([
          failureOff,
          idle,
          { type: 'Successful', status: 'True', message: 'succeeded' },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'succeeded' });
    expect(
      kialiHealth(
        kiali([
          failureOff,
          idle,
          { type: 'Failure', status: 'True', message: 'Error Reconciling' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Error Reconciling' });
    expect(
      kialiHealth(
        kiali([
          {
            type: 'Running',
            status: 'True',
            reason: 'Running',
            message: 'Reconciling',
          },
          { type: 'Successful', status: 'True', message: 'old' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'Reconciling' });
  });

  it('has no message when the deciding condition has none', () => {
    expect(kialiHealth(kiali([{ type: 'Failure', status: 'True' }]))).toEqual({
      status: 'Degraded',
    });
  });

  it('leaves null conditions out and reads the ones after them', () => {
    const conditions = [
      null,
      { type: 'Failure', status: 'True', message: 'Error Reconciling' },
    ] as object[];
    expect(kialiHealth(kiali(conditions))).toEqual({
      status: 'Degraded',
      message: 'Error Reconciling',
    });
  });
});

describe('ECK Logstash health', () => {
  const logstash = (status?: object) =>
    kube(
      'logstash.k8s.elastic.co/v1alpha1',
      'Logstash',
      status ? { status } : {},
    );

  it.each([
    ['green', 'Healthy', 'Logstash status is Green'],
    ['yellow', 'Progressing', 'Logstash status is Yellow'],
    ['red', 'Degraded', 'Logstash status is Red'],
  ])('maps health %s to %s', (health, status, message) => {
    expect(logstashHealth(logstash({ health }))).toEqual({ status, message });
  });

  it('waits without a colour it knows', () => {
    const waiting = { status: 'Progressing', message: 'Waiting for Logstash' };
    expect(logstashHealth(logstash())).toEqual(waiting);
    expect(logstashHealth(logstash({}))).toEqual(waiting);
    expect(logstashHealth(logstash({ health: 'unknown' }))).toEqual(waiting);
  });
});

describe('GKE ManagedCertificate health', () => {
  const cert = (certificateStatus?: string, ...domains: string[]) =>
    kube('networking.gke.io/v1beta2', 'ManagedCertificate', {
      status: {
        certificateStatus,
        domainStatus: domains.map((status, i) => ({ domain: `d${i}`, status })),
      },
    });

  it('is Degraded when a domain failed, whatever the certificate says', () => {
    expect(
      managedCertificateHealth(
        cert('Provisioning', 'Active', 'FailedNotVisible'),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'At least one certificate has failed to be provisioned',
    });
  });

  it('leaves null domain entries out and reads the ones after them', () => {
    expect(
      managedCertificateHealth(
        kube('networking.gke.io/v1', 'ManagedCertificate', {
          status: {
            certificateStatus: 'Provisioning',
            domainStatus: [null, { domain: 'd', status: 'FailedNotVisible' }],
          },
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'At least one certificate has failed to be provisioned',
    });
  });

  it('is Healthy once the certificate is Active', () => {
    expect(managedCertificateHealth(cert('Active', 'Active'))).toEqual({
      status: 'Healthy',
      message: 'All certificates are active',
    });
  });

  it('is Progressing while provisioning, or before any status', () => {
    const provisioning = {
      status: 'Progressing',
      message: 'At least one certificate is still being provisioned',
    };
    expect(
      managedCertificateHealth(cert('Provisioning', 'Active', 'Provisioning')),
    ).toEqual(provisioning);
    expect(
      managedCertificateHealth(
        kube('networking.gke.io/v1', 'ManagedCertificate'),
      ),
    ).toEqual(provisioning);
  });
});

describe('platformServicesHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(platformServicesHealthChecks).sort()).toEqual([
      'k8s.keycloak.org/Keycloak',
      'kafka.banzaicloud.io/KafkaCluster',
      'kiali.io/Kiali',
      'logstash.k8s.elastic.co/Logstash',
      'networking.gke.io/ManagedCertificate',
    ]);
  });
});
