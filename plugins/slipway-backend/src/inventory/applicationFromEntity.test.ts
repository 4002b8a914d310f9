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

describe('automated sync', () => {
  const withAutomated = (automated: Record<string, unknown>): Entity => {
    const entity = application(undefined);
    (entity.spec as Record<string, unknown>).syncPolicy = { automated, syncOptions: ['CreateNamespace=true'] };
    return entity;
  };

  it('is off when syncPolicy.automated says enabled: false, its other settings kept in Git', () => {
    const off = applicationFromEntity(withAutomated({ enabled: false, prune: true, selfHeal: true }));
    expect(off.app.spec.syncPolicy).toEqual({ syncOptions: ['CreateNamespace=true'] });
    const on = applicationFromEntity(withAutomated({ enabled: true, prune: true }));
    expect(on.app.spec.syncPolicy?.automated).toEqual({ enabled: true, prune: true });
    expect(applicationFromEntity(withAutomated({})).app.spec.syncPolicy?.automated).toEqual({});
    // turning it off or on is a change of the spec
    expect(off.specHash).not.toBe(on.specHash);
  });
});

describe('the skip-reconcile annotation', () => {
  const annotated = (value: string): Entity => {
    const entity = application(undefined);
    entity.metadata.annotations = { 'argocd.argoproj.io/skip-reconcile': value };
    return entity;
  };

  it.each(['true', 'True', 'TRUE', 't', 'T', '1'])('skips an Application annotated "%s", as Go reads a true word', value => {
    const item = applicationFromEntity(annotated(value));
    expect(item.skipReconcile).toContain('application:default/web is not reconciled');
    expect(item.skipReconcile).toContain(`argocd.argoproj.io/skip-reconcile is "${value}"`);
    expect(item.skipReconcile).toContain('remove the annotation');
  });

  it.each(['false', 'False', '0', 'yes', 'on', ''])('reconciles an Application annotated "%s", as Argo CD does', value => {
    expect(applicationFromEntity(annotated(value)).skipReconcile).toBeUndefined();
  });

  it('reconciles an Application without the annotation', () => {
    expect(applicationFromEntity(application(undefined)).skipReconcile).toBeUndefined();
  });
});
