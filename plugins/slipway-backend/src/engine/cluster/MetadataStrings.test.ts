import type { KubeObject } from '@slipway/plugin-slipway-common';
import { MetadataStrings } from './MetadataStrings';

const pod = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-7d9f-abcde',
    namespace: 'shop',
    uid: 'uid-1',
    creationTimestamp: '2026-12-04T04:04:54Z',
    labels: { app: 'api', 'pod-template-hash': '7d9f' },
    annotations: { 'slipway.io/tracking-id': 'shop:apps/Deployment:shop/api' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-7d9f', uid: 'rs-1', controller: true }],
    managedFields: [
      { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-12-04T04:04:54Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } },
      { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-12-04T04:04:55Z', fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: { 'f:status': {} } },
    ],
  },
  spec: { containers: [{ name: 'api', image: 'api:1' }] },
  status: { phase: 'Running' },
});

describe('MetadataStrings', () => {
  it('returns an equal object and leaves the one given unchanged', () => {
    const given = pod();
    const shared = new MetadataStrings().share(given);
    expect(shared).toEqual(pod());
    expect(shared).not.toBe(given);
    expect(shared.metadata).not.toBe(given.metadata);
    expect(given).toEqual(pod());
  });

  it('keeps the body and the field sets as they are (other pools share those)', () => {
    const given = pod();
    const shared = new MetadataStrings().share(given) as KubeObject & { spec: unknown };
    expect(shared.spec).toBe((given as KubeObject & { spec: unknown }).spec);
    const fields = (o: KubeObject) => (o.metadata.managedFields as Array<{ fieldsV1: unknown }>).map(e => e.fieldsV1);
    expect(fields(shared)[0]).toBe(fields(given)[0]);
  });

  it('adds no field that was absent, and passes odd metadata through', () => {
    const pools = new MetadataStrings();
    expect(pools.share({ kind: 'ConfigMap', metadata: { name: 'x' } } as KubeObject)).toEqual({ kind: 'ConfigMap', metadata: { name: 'x' } });
    const odd = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y', labels: null, managedFields: [null, 3] } };
    expect(pools.share(odd as unknown as KubeObject)).toEqual(odd);
  });
});
