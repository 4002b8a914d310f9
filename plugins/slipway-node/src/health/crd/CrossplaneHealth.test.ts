import {
  crossplaneHealthChecks,
  crossplaneObjectHealth,
  crossplaneProviderHealth,
  upboundObjectHealth,
} from './CrossplaneHealth';
import { kube } from '../testObjects';

const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});

const upToDate = { status: 'Healthy', message: 'Resource is up-to-date.' };
const provisioning = { status: 'Progressing', message: 'Provisioning ...' };

describe('Crossplane objects (_.crossplane.io/_)', () => {
  const xp = (kind: string, status?: object) =>
    kube('apiextensions.crossplane.io/v1', kind, { spec: {}, status });

  it('treats kinds that never get conditions as Healthy once they exist', () => {
    for (const kind of [
      'Composition',
      'EnvironmentConfig',
      'ImageConfig',
      'DeploymentRuntimeConfig',
      'ClusterProviderConfigUsage',
      'StoreConfig',
    ]) {
      expect(crossplaneObjectHealth(xp(kind))).toEqual(upToDate);
    }
    expect(
      crossplaneObjectHealth(xp('ProviderConfig', { conditions: [] })),
    ).toEqual(upToDate);
  });

  it('says a configuration with users is in use', () => {
    expect(
      crossplaneObjectHealth(xp('ClusterProviderConfig', { users: 3 })),
    ).toEqual({ status: 'Healthy', message: 'Resource is in use.' });
  });

  it('keeps any other kind provisioning until it has conditions', () => {
    expect(crossplaneObjectHealth(xp('CompositeResourceDefinition'))).toEqual(
      provisioning,
    );
    expect(crossplaneObjectHealth(xp('XBucket', {}))).toEqual(provisioning);
  });

  it('is Degraded with the message of a failing Synced or LastAsyncOperation', () => {
    expect(
      crossplaneObjectHealth(
        xp('XBucket', {
          conditions: [cond('Synced', 'False', { message: 'cannot apply' })],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'cannot apply' });
    expect(
      crossplaneObjectHealth(
        xp('XBucket', {
          conditions: [cond('LastAsyncOperation', 'False', { message: 'x' })],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'x' });
  });

  it('is Healthy on the first True readiness condition of any flavour', () => {
    for (const type of [
      'Ready',
      'Healthy',
      'Offered',
      'Established',
      'ValidPipeline',
      'RevisionHealthy',
    ]) {
      expect(
        crossplaneObjectHealth(
          xp('Thing', { conditions: [cond(type, 'True')] }),
        ),
      ).toEqual(upToDate);
    }
    // The first healthy condition ends the scan.
    expect(
      crossplaneObjectHealth(
        xp('XBucket', {
          conditions: [cond('Ready', 'True'), cond('Synced', 'False')],
        }),
      ),
    ).toEqual(upToDate);
  });

  it('is provisioning while nothing is True yet', () => {
    expect(
      crossplaneObjectHealth(
        xp('XBucket', { conditions: [cond('Ready', 'False')] }),
      ),
    ).toEqual(provisioning);
  });
});

describe('Upbound objects (_.upbound.io/_)', () => {
  const up = (kind: string, status?: object) =>
    kube('s3.aws.upbound.io/v1beta1', kind, { spec: {}, status });

  it('treats provider configuration kinds as Healthy', () => {
    expect(upboundObjectHealth(up('ProviderConfig'))).toEqual(upToDate);
    expect(upboundObjectHealth(up('ProviderConfig', { users: 1 }))).toEqual({
      status: 'Healthy',
      message: 'Resource is in use.',
    });
  });

  it('does not know the Crossplane core configuration kinds', () => {
    expect(upboundObjectHealth(up('EnvironmentConfig'))).toEqual(provisioning);
  });

  it('lets a later failure override Ready', () => {
    expect(
      upboundObjectHealth(
        up('Bucket', {
          conditions: [
            cond('Ready', 'True'),
            cond('Synced', 'False', { message: 'update failed' }),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'update failed' });
  });

  it('follows Ready, and only Ready', () => {
    expect(
      upboundObjectHealth(
        up('Bucket', { conditions: [cond('Ready', 'True')] }),
      ),
    ).toEqual(upToDate);
    expect(
      upboundObjectHealth(
        up('Bucket', { conditions: [cond('Healthy', 'True')] }),
      ),
    ).toEqual(provisioning);
  });
});

describe('Crossplane Provider (pkg.crossplane.io/Provider)', () => {
  const provider = (conditions?: object[]) =>
    kube('pkg.crossplane.io/v1', 'Provider', {
      spec: {},
      status: conditions ? { conditions } : undefined,
    });
  const installed = (status: string, reason = 'ActivePackageRevision') =>
    cond('Installed', status, { reason });
  const healthy = (status: string, reason = 'HealthyPackageRevision') =>
    cond('Healthy', status, { reason });

  it('waits for installation without conditions', () => {
    expect(crossplaneProviderHealth(provider())).toEqual({
      status: 'Progressing',
      message: 'Waiting for provider to be installed',
    });
  });

  it('needs both Installed and Healthy, and names both reasons', () => {
    expect(
      crossplaneProviderHealth(provider([installed('True'), healthy('True')])),
    ).toEqual({
      status: 'Healthy',
      message: 'ActivePackageRevision HealthyPackageRevision',
    });
    expect(
      crossplaneProviderHealth(
        provider([
          installed('True'),
          healthy('False', 'UnhealthyPackageRevision'),
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'ActivePackageRevision UnhealthyPackageRevision',
    });
    expect(
      crossplaneProviderHealth(
        provider([installed('False', 'UnpackingPackage'), healthy('True')]),
      ).status,
    ).toBe('Degraded');
  });

  it('is Unknown when a reason is missing, where Argo CD’s script fails', () => {
    expect(crossplaneProviderHealth(provider([installed('True')])).status).toBe(
      'Unknown',
    );
    expect(crossplaneProviderHealth(provider([])).status).toBe('Unknown');
  });
});

describe('crossplaneHealthChecks', () => {
  it('keeps wildcard keys as Argo CD names its folders', () => {
    expect(Object.keys(crossplaneHealthChecks).sort()).toEqual([
      '_.crossplane.io/_',
      '_.upbound.io/_',
      'pkg.crossplane.io/Provider',
    ]);
  });
});
