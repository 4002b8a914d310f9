import { certificateHealth, clusterIssuerHealth } from './CertManagerHealth';
import { sealedSecretHealth } from './SealedSecretHealth';
import {
  clusterExternalSecretHealth,
  externalSecretHealth,
} from './ExternalSecretsHealth';
import {
  applicationSetHealth,
  cronWorkflowHealth,
  eventBusHealth,
} from './ArgoHealth';
import { kube } from '../testObjects';

const withConditions = (
  apiVersion: string,
  kind: string,
  conditions?: object[],
  spec: object = {},
) =>
  kube(apiVersion, kind, {
    spec,
    status: conditions ? { conditions } : undefined,
  });

describe('condition-based CRD health', () => {
  it('cert-manager Certificate: Issuing first, then Ready', () => {
    const cert = (c?: object[]) =>
      withConditions('cert-manager.io/v1', 'Certificate', c);
    expect(certificateHealth(cert())).toEqual({
      status: 'Progressing',
      message: 'Waiting for certificate',
    });
    expect(
      certificateHealth(
        cert([
          { type: 'Ready', status: 'True', message: 'ok' },
          { type: 'Issuing', status: 'True', message: 'renewing' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'renewing' });
    expect(
      certificateHealth(
        cert([{ type: 'Ready', status: 'False', message: 'bad' }]),
      ).status,
    ).toBe('Degraded');
  });

  it('cert-manager ClusterIssuer follows Ready', () => {
    expect(
      clusterIssuerHealth(withConditions('cert-manager.io/v1', 'ClusterIssuer'))
        .message,
    ).toBe('Initializing ClusterIssuer');
  });

  it('SealedSecret follows Synced', () => {
    expect(
      sealedSecretHealth(
        withConditions('bitnami.com/v1alpha1', 'SealedSecret', [
          { type: 'Synced', status: 'False', message: 'no key' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'no key' });
  });

  it('ExternalSecret ignores a stale Ready condition with refreshPolicy OnChange', () => {
    const es = kube('external-secrets.io/v1', 'ExternalSecret', {
      spec: { refreshPolicy: 'OnChange' },
      status: {
        refreshTime: '2024-02-01T00:00:00Z',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastTransitionTime: '2024-01-01T00:00:00Z',
          },
        ],
      },
    });
    expect(externalSecretHealth(es)?.status).toBe('Progressing');
  });

  it('ClusterExternalSecret reads the last condition', () => {
    const ces = (c: object[]) =>
      withConditions('external-secrets.io/v1', 'ClusterExternalSecret', c);
    expect(
      clusterExternalSecretHealth(
        ces([
          { type: 'NotReady', status: 'True', message: 'x' },
          { type: 'Ready', status: 'True', message: 'ok' },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'ok' });
  });

  it('ApplicationSet: errors beat progress, progress beats up-to-date', () => {
    const as = (c: object[]) =>
      withConditions('argoproj.io/v1alpha1', 'ApplicationSet', c);
    expect(
      applicationSetHealth(
        as([
          { type: 'ResourcesUpToDate', status: 'True', message: 'ok' },
          { type: 'ErrorOccurred', status: 'True', message: 'bad' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad' });
    expect(
      applicationSetHealth(
        as([
          { type: 'ResourcesUpToDate', status: 'True' },
          { type: 'RolloutProgressing', status: 'True', message: 'step 1' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'step 1' });
  });

  it('CronWorkflow and EventBus', () => {
    expect(
      cronWorkflowHealth(withConditions('argoproj.io/v1alpha1', 'CronWorkflow'))
        .status,
    ).toBe('Healthy');
    expect(
      cronWorkflowHealth(
        withConditions('argoproj.io/v1alpha1', 'CronWorkflow', [
          { type: 'SpecError', status: 'True', message: 'x' },
        ]),
      ).status,
    ).toBe('Degraded');
    expect(
      eventBusHealth(withConditions('argoproj.io/v1alpha1', 'EventBus')).status,
    ).toBe('Progressing');
  });
});
