import {
  grafanaDashboardHealth,
  grafanaDatasourceHealth,
  grafanaFolderHealth,
  grafanaHealth,
  grafanaHealthChecks,
} from './GrafanaHealth';
import { kube } from '../testObjects';

const API = 'grafana.integreatly.org/v1beta1';

describe('grafana-operator Grafana health', () => {
  const grafana = (status?: object) =>
    kube(API, 'Grafana', status === undefined ? {} : { status });

  it('waits for the operator until a stage status is reported', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for Grafana status info',
    };
    expect(grafanaHealth(grafana())).toEqual(waiting);
    expect(grafanaHealth(grafana({ stage: 'deployment' }))).toEqual(waiting);
  });

  it('is Degraded at a failed stage, naming it', () => {
    expect(
      grafanaHealth(grafana({ stage: 'ingress', stageStatus: 'failed' })),
    ).toEqual({ status: 'Degraded', message: 'Failed at stage ingress' });
  });

  it('reports a failed stage without a name as a script failure, as Argo CD does', () => {
    expect(grafanaHealth(grafana({ stageStatus: 'failed' })).status).toBe(
      'Unknown',
    );
  });

  it('is Healthy only once the complete stage succeeded', () => {
    expect(
      grafanaHealth(grafana({ stage: 'complete', stageStatus: 'success' })),
    ).toEqual({ status: 'Healthy', message: '' });
  });

  it('is Progressing at any other stage, quoting it', () => {
    expect(
      grafanaHealth(grafana({ stage: 'deployment', stageStatus: 'success' })),
    ).toEqual({ status: 'Progressing', message: 'deployment' });
    expect(grafanaHealth(grafana({ stageStatus: 'in progress' }))).toEqual({
      status: 'Progressing',
    });
  });
});

describe('grafana-operator GrafanaDashboard health', () => {
  const dashboard = (conditions?: object[]) =>
    kube(API, 'GrafanaDashboard', conditions ? { status: { conditions } } : {});
  const synced = {
    type: 'DashboardSynchronized',
    status: 'True',
    reason: 'ApplySuccessful',
    message: 'applied to 1 instances',
  };

  it('is Progressing with an empty message before any condition', () => {
    expect(grafanaDashboardHealth(dashboard())).toEqual({
      status: 'Progressing',
      message: '',
    });
  });

  it('is Healthy with a True condition, describing it', () => {
    expect(grafanaDashboardHealth(dashboard([synced]))).toEqual({
      status: 'Healthy',
      message:
        'ApplySuccessful for DashboardSynchronized because applied to 1 instances',
    });
  });

  it('stops at the first False condition: Degraded, with everything described so far', () => {
    expect(
      grafanaDashboardHealth(
        dashboard([
          synced,
          { type: 'X', status: 'False', reason: 'ApplyFailed' },
          { type: 'Y', status: 'True', reason: 'Later' },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'ApplySuccessful for DashboardSynchronized because applied to 1 instances, ApplyFailed for X',
    });
  });

  it('describes only what a condition has, and skips conditions without status', () => {
    expect(
      grafanaDashboardHealth(
        dashboard([
          { type: 'Ignored', reason: 'NoStatus' },
          { status: 'Unknown', reason: 'OnlyReason', message: 'dropped' },
          { type: 'T', status: 'Unknown' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'OnlyReason, ' });
  });

  it('fails like the script when a reason cannot be joined as text', () => {
    expect(
      grafanaDashboardHealth(dashboard([{ status: 'True', reason: true }]))
        .status,
    ).toBe('Unknown');
  });
});

describe('grafana-operator GrafanaFolder health', () => {
  const folder = (conditions: object[]) =>
    kube(API, 'GrafanaFolder', { status: { conditions } });
  const synced = {
    type: 'FolderSynchronized',
    status: 'True',
    reason: 'ApplySuccessful',
  };

  it('reads FolderUIDMismatch the other way round: False is fine', () => {
    expect(
      grafanaFolderHealth(
        folder([
          synced,
          {
            type: 'FolderUIDMismatch',
            status: 'False',
            reason: 'ConsistentUID',
          },
        ]),
      ),
    ).toEqual({
      status: 'Healthy',
      message:
        'ApplySuccessful for FolderSynchronized, ConsistentUID for FolderUIDMismatch',
    });
  });

  it('is Degraded when the UID mismatch is True', () => {
    expect(
      grafanaFolderHealth(
        folder([
          { type: 'FolderUIDMismatch', status: 'True', reason: 'Inferred' },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Inferred for FolderUIDMismatch',
    });
  });

  it('is Degraded at any other False condition', () => {
    expect(
      grafanaFolderHealth(
        folder([
          {
            type: 'FolderSynchronized',
            status: 'False',
            reason: 'ApplyFailed',
          },
        ]),
      ).status,
    ).toBe('Degraded');
  });

  it('is Progressing until a condition is True', () => {
    expect(
      grafanaFolderHealth(folder([{ type: 'Other', status: 'Unknown' }])),
    ).toEqual({ status: 'Progressing', message: '' });
  });
});

describe('grafana-operator GrafanaDatasource health', () => {
  const datasource = (status?: object) =>
    kube(API, 'GrafanaDatasource', status === undefined ? {} : { status });

  it('is Progressing until the operator assigned a UID', () => {
    const progressing = { status: 'Progressing', message: '' };
    expect(grafanaDatasourceHealth(datasource())).toEqual(progressing);
    expect(grafanaDatasourceHealth(datasource({ uid: '' }))).toEqual(
      progressing,
    );
  });

  it('is Degraded when no Grafana instance matches', () => {
    expect(
      grafanaDatasourceHealth(
        datasource({ uid: 'abc', NoMatchingInstances: true }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: "can't find matching grafana instance",
    });
  });

  it('is Healthy otherwise, also when the UID field is absent', () => {
    const healthy = { status: 'Healthy', message: '' };
    expect(
      grafanaDatasourceHealth(
        datasource({ uid: 'abc', NoMatchingInstances: false }),
      ),
    ).toEqual(healthy);
    expect(grafanaDatasourceHealth(datasource({ hash: 'h' }))).toEqual(healthy);
  });
});

describe('grafanaHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(grafanaHealthChecks).sort()).toEqual([
      'grafana.integreatly.org/Grafana',
      'grafana.integreatly.org/GrafanaDashboard',
      'grafana.integreatly.org/GrafanaDatasource',
      'grafana.integreatly.org/GrafanaFolder',
    ]);
  });
});
