import { Entity } from '@backstage/catalog-model';
import {
  applicationToEntity,
  ApplicationEntityError,
  environmentOf,
} from './applicationToEntity';
import { applicationRelations } from './applicationRelations';

const applicationSet: Entity = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

const generated = {
  metadata: { name: 'payments-prod', labels: { team: 'payments' } },
  spec: {
    project: 'default',
    source: { repoURL: 'https://example.com/gitops.git', path: 'apps/payments/overlays/prod' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-prod' },
  },
};

describe('applicationToEntity', () => {
  it('keeps the Argo shape and marks environment, cluster and namespace', () => {
    const entity = applicationToEntity(generated, { applicationSet });
    expect(entity.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(entity.kind).toBe('Application');
    expect(entity.metadata.name).toBe('payments-prod');
    expect(entity.spec).toEqual(generated.spec);
    expect(entity.metadata.labels).toEqual({
      team: 'payments',
      'slipway.io/environment': 'prod',
      'slipway.io/namespace': 'payments-prod',
    });
    // a server URL is not a valid label value, so it is only an annotation
    expect(entity.metadata.annotations).toMatchObject({
      'slipway.io/application-set': 'applicationset:default/payments',
      'slipway.io/environment': 'prod',
      'slipway.io/cluster': 'https://kubernetes.default.svc',
      'slipway.io/namespace': 'payments-prod',
    });
  });

  it('relates to a Component only when one is named or exists', () => {
    expect(applicationToEntity(generated, { applicationSet }).metadata.annotations).not.toHaveProperty(['slipway.io/component']);
    expect(
      applicationToEntity(generated, { applicationSet, component: { ref: 'component:default/payments' } }).metadata.annotations,
    ).toHaveProperty(['slipway.io/component'], 'component:default/payments');
  });

  it('inherits owner and system from the Component unless the set names them', () => {
    const inherited = applicationToEntity(generated, {
      applicationSet,
      component: { ref: 'component:default/payments', owner: 'group:default/payments-team', system: 'shop' },
    });
    expect(inherited.metadata.annotations).toMatchObject({
      'slipway.io/owner': 'group:default/payments-team',
      'slipway.io/system': 'shop',
    });
    const explicit = applicationToEntity(generated, {
      applicationSet: {
        ...applicationSet,
        metadata: { ...applicationSet.metadata, annotations: { 'slipway.io/owner': 'group:default/platform-team' } },
      },
      component: { ref: 'component:default/payments', owner: 'group:default/payments-team' },
    });
    expect(explicit.metadata.annotations!['slipway.io/owner']).toBe('group:default/platform-team');
  });

  it('refuses a generated name that cannot be a catalog name, saying what to change', () => {
    expect(() =>
      applicationToEntity({ ...generated, metadata: { name: 'payments prod!' } }, { applicationSet }),
    ).toThrow(ApplicationEntityError);
    expect(() =>
      applicationToEntity({ ...generated, metadata: { name: 'payments prod!' } }, { applicationSet }),
    ).toThrow(/change the template's metadata.name/);
  });
});

describe('environmentOf', () => {
  it('prefers an explicit label, then the name around the set name, then the namespace', () => {
    expect(environmentOf({ ...generated, metadata: { name: 'x', labels: { 'slipway.io/environment': 'qa' } } }, 'payments')).toBe('qa');
    expect(environmentOf({ ...generated, metadata: { name: 'staging-payments' } }, 'payments')).toBe('staging');
    expect(environmentOf({ ...generated, metadata: { name: 'guestbook' } }, 'payments')).toBe('payments-prod');
  });
});

describe('applicationRelations', () => {
  it('relates the Application to its set, Component and owner, with inverses', () => {
    const entity = applicationToEntity(generated, {
      applicationSet,
      component: { ref: 'component:default/payments', owner: 'group:default/payments-team' },
    });
    const relations = applicationRelations(entity).map(
      r =>
        `${r.source.kind.toLowerCase()}:${r.source.name} ${r.type} ${r.target.kind.toLowerCase()}:${r.target.name}`,
    );
    expect(relations).toEqual([
      'application:payments-prod partOf applicationset:payments',
      'applicationset:payments hasPart application:payments-prod',
      'application:payments-prod dependencyOf component:payments',
      'component:payments dependsOn application:payments-prod',
      'application:payments-prod ownedBy group:payments-team',
      'group:payments-team ownerOf application:payments-prod',
    ]);
  });
});
