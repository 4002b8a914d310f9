import type { Entity } from '@backstage/catalog-model';
import { trackingNameOf } from '../engine/app/types';
import { applicationFromEntity } from './applicationFromEntity';

const application = (namespace: string | undefined, name = 'web'): Entity => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: {
    source: { repoURL: 'https://git.example.com/gitops.git', path: 'web', targetRevision: 'main' },
    destination: { name: 'prod', namespace: 'web' },
  },
});

describe('applicationFromEntity', () => {
  it("marks resources with the name in the default namespace, and with Argo CD's <namespace>_<name> elsewhere", () => {
    expect(trackingNameOf(applicationFromEntity(application(undefined)).app)).toBe('web');
    expect(trackingNameOf(applicationFromEntity(application('default')).app)).toBe('web');
    const other = applicationFromEntity(application('payments')).app;
    expect(trackingNameOf(other)).toBe('payments_web');
    // Helm's release name and $ARGOCD_APP_NAME stay the Application's name
    expect(other.name).toBe('web');
  });
});
