import {
  clusterResourceBindingHealth,
  karmadaHealthChecks,
  resourceBindingHealth,
} from './KarmadaHealth';
import { kube } from '../testObjects';

const INSUFFICIENT = {
  status: 'Progressing',
  message: 'Current resource status is insufficient',
};
const UNHEALTHY = {
  status: 'Degraded',
  message: 'Current resource status is unhealthy',
};

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `member${i + 1}` }));
const member = (health: string, applied?: boolean) => ({
  clusterName: 'member',
  health,
  ...(applied === undefined ? {} : { applied }),
});
const binding = (
  kind: string,
  clusters: object[] | undefined,
  aggregatedStatus?: object[],
) =>
  kube('work.karmada.io/v1alpha2', kind, {
    spec: clusters ? { clusters } : {},
    status: aggregatedStatus ? { aggregatedStatus } : {},
  });

describe.each([
  ['ResourceBinding', resourceBindingHealth],
  ['ClusterResourceBinding', clusterResourceBindingHealth],
])('Karmada %s health', (kind, check) => {
  it('waits while there is no status', () => {
    expect(check(kube('work.karmada.io/v1alpha2', kind, { spec: {} }))).toEqual(
      INSUFFICIENT,
    );
  });

  it('waits until every scheduled cluster has reported', () => {
    expect(check(binding(kind, []))).toEqual(INSUFFICIENT);
    expect(check(binding(kind, names(2)))).toEqual(INSUFFICIENT);
    expect(check(binding(kind, names(2), [member('Healthy', true)]))).toEqual(
      INSUFFICIENT,
    );
  });

  it('is Degraded when a member is unhealthy', () => {
    expect(
      check(
        binding(kind, names(2), [
          member('Healthy', true),
          member('Unhealthy', true),
        ]),
      ),
    ).toEqual(UNHEALTHY);
  });

  it('is Degraded when a member of unknown health was not applied', () => {
    expect(check(binding(kind, names(1), [member('Unknown', false)]))).toEqual(
      UNHEALTHY,
    );
    expect(check(binding(kind, names(1), [member('Unknown')]))).toEqual(
      UNHEALTHY,
    );
  });

  it('is Healthy, without a message, when every member is fine', () => {
    expect(
      check(
        binding(kind, names(2), [
          member('Healthy', true),
          member('Unknown', true),
        ]),
      ),
    ).toEqual({ status: 'Healthy' });
  });

  it('leaves null clusters and members out, as Argo CD does', () => {
    expect(
      check(
        binding(kind, [...names(1), null as any], [member('Healthy', true)]),
      ),
    ).toEqual({ status: 'Healthy' });
    expect(check(binding(kind, names(1), [null as any]))).toEqual(INSUFFICIENT);
    expect(
      check(binding(kind, names(1), [null as any, member('Unhealthy', true)])),
    ).toEqual(UNHEALTHY);
  });

  it('fails like the Lua script when the binding has no spec', () => {
    expect(
      check(
        kube('work.karmada.io/v1alpha2', kind, {
          status: { aggregatedStatus: [] },
        }),
      ).status,
    ).toBe('Unknown');
  });
});

describe('bindings without spec.clusters', () => {
  const reported = [member('Healthy', true), member('Healthy', true)];

  it('judges a dependency-propagated ResourceBinding from what members reported', () => {
    expect(
      resourceBindingHealth(binding('ResourceBinding', undefined, reported)),
    ).toEqual({ status: 'Healthy' });
    expect(
      resourceBindingHealth(
        binding('ResourceBinding', undefined, [member('Unhealthy', true)]),
      ),
    ).toEqual(UNHEALTHY);
    expect(
      resourceBindingHealth(binding('ResourceBinding', undefined)),
    ).toEqual(INSUFFICIENT);
  });

  it('keeps a ClusterResourceBinding waiting', () => {
    expect(
      clusterResourceBindingHealth(
        binding('ClusterResourceBinding', undefined, reported),
      ),
    ).toEqual(INSUFFICIENT);
  });
});

describe('karmadaHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(karmadaHealthChecks).sort()).toEqual([
      'work.karmada.io/ClusterResourceBinding',
      'work.karmada.io/ResourceBinding',
    ]);
  });
});
