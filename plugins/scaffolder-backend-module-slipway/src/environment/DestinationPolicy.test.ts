import { ConfigReader } from '@backstage/config';
import { DestinationPolicy } from './DestinationPolicy';

const clusters = [
  { name: 'embedded', server: 'embedded', local: true },
  { name: 'prod-eu', server: 'https://prod-eu.example.com' },
];
const policy = DestinationPolicy.fromConfig(
  new ConfigReader({
    slipway: {
      projects: [
        {
          name: 'payments',
          destinations: [
            { name: '*', namespace: 'payments-*' },
            { name: 'prod-eu', namespace: '!payments-dev' },
          ],
        },
      ],
    },
  }),
  clusters,
);

describe('DestinationPolicy', () => {
  it('allows what the default project and the project rules allow', () => {
    expect(policy.check(undefined, { name: 'prod-eu', namespace: 'anything' })).toBeUndefined();
    expect(policy.check('payments', { name: 'embedded', namespace: 'payments-qa' })).toBeUndefined();
    expect(policy.check('payments', { server: 'https://kubernetes.default.svc', namespace: 'payments-qa' })).toBeUndefined();
  });

  it('refuses namespaces outside the rules and denied by a ! rule', () => {
    expect(policy.check('payments', { name: 'embedded', namespace: 'kube-system' })).toBe(
      "project 'payments' does not allow deploying to cluster 'embedded', namespace 'kube-system'; " +
        'pick an allowed cluster and namespace or ask a platform admin to extend the project',
    );
    expect(policy.check('payments', { name: 'prod-eu', namespace: 'payments-dev' })).toMatch(/does not allow/);
  });

  it('refuses unknown clusters and projects, naming the known ones', () => {
    expect(policy.check('payments', { name: 'mars', namespace: 'payments-qa' })).toBe(
      "cluster 'mars' is not one Slipway deploys to (configured: embedded, prod-eu); pick one of those",
    );
    expect(policy.check('nope', { name: 'embedded' })).toBe(
      "project 'nope' is not configured under slipway.projects; use one of: default, payments",
    );
  });
});
