import { Entity } from '@backstage/catalog-model';
import { isSlipwayApplication, isSlipwayAvailable } from './predicates';

const component = (relations: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  relations,
});

describe('isSlipwayAvailable', () => {
  it('is true for an Argo CD Application entity', () => {
    const app: Entity = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'payments-prod' } };
    expect(isSlipwayApplication(app)).toBe(true);
    expect(isSlipwayAvailable(app)).toBe(true);
  });

  it('is true for a Component that depends on an Application', () => {
    expect(
      isSlipwayAvailable(component([{ type: 'dependsOn', targetRef: 'application:argocd/payments-prod' }])),
    ).toBe(true);
  });

  it('is false for a Component without Applications', () => {
    expect(isSlipwayAvailable(component(undefined))).toBe(false);
    expect(isSlipwayAvailable(component([{ type: 'dependsOn', targetRef: 'resource:default/db' }]))).toBe(false);
    expect(isSlipwayAvailable(component([{ type: 'ownedBy', targetRef: 'application:default/x' }]))).toBe(false);
  });
});
