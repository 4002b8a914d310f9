import {
  fluxSourceHealth,
  helmReleaseHealth,
  helmRepositoryHealth,
  kustomizationHealth,
  receiverHealth,
} from './FluxHealth';
import { kube } from '../testObjects';

const flux = (kind: string, conditions?: object[], spec: object = {}) =>
  kube('x.toolkit.fluxcd.io/v1', kind, {
    spec,
    status: conditions ? { conditions } : undefined,
  });

describe('Flux health', () => {
  it('is Suspended when spec.suspend is true', () => {
    expect(
      kustomizationHealth(flux('Kustomization', [], { suspend: true })),
    ).toEqual({
      status: 'Suspended',
      message: 'Kustomization is suspended',
    });
  });

  it('is Progressing without status', () => {
    expect(kustomizationHealth(flux('Kustomization'))).toEqual({
      status: 'Progressing',
      message: 'Status unknown',
    });
  });

  it('is Healthy when Ready, with the Ready reason as message', () => {
    expect(
      kustomizationHealth(
        flux('Kustomization', [
          { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded' },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'ReconciliationSucceeded' });
  });

  it('is Progressing while Ready is Unknown and Reconciling is True', () => {
    expect(
      kustomizationHealth(
        flux('Kustomization', [
          { type: 'Reconciling', status: 'True', reason: 'Progressing' },
          { type: 'Ready', status: 'Unknown', reason: 'Progressing' },
        ]),
      ).status,
    ).toBe('Progressing');
  });

  it('needs Released as well as Ready for a HelmRelease', () => {
    const ready = { type: 'Ready', status: 'True', reason: 'InstallSucceeded' };
    expect(helmReleaseHealth(flux('HelmRelease', [ready])).status).toBe(
      'Degraded',
    );
    expect(
      helmReleaseHealth(
        flux('HelmRelease', [ready, { type: 'Released', status: 'True' }]),
      ).status,
    ).toBe('Healthy');
  });

  it('needs the artifact in storage for a source', () => {
    const ready = { type: 'Ready', status: 'True', reason: 'Succeeded' };
    expect(fluxSourceHealth(flux('GitRepository', [ready])).status).toBe(
      'Degraded',
    );
    expect(
      fluxSourceHealth(
        flux('GitRepository', [
          ready,
          { type: 'ArtifactInStorage', status: 'True' },
        ]),
      ).status,
    ).toBe('Healthy');
  });

  it('treats OCI Helm repositories as Healthy', () => {
    expect(
      helmRepositoryHealth(flux('HelmRepository', undefined, { type: 'oci' }))
        .status,
    ).toBe('Healthy');
  });

  it('is Degraded for a Receiver that fails while reconciling', () => {
    expect(
      receiverHealth(
        flux('Receiver', [
          { type: 'Ready', status: 'False', reason: 'TokenNotFound' },
          { type: 'Reconciling', status: 'True' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'TokenNotFound' });
  });
});
