import { KubeObject } from '@slipway/plugin-slipway-common';
import { FieldSetPool } from './FieldSetPool';

function configMap(name: string, ownerUid: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'shop',
      managedFields: [
        {
          manager: 'slipway',
          operation: 'Apply',
          time: '2026-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:data': { 'f:color': {}, 'f:size': {} },
            'f:metadata': {
              'f:ownerReferences': { [`k:{"uid":"${ownerUid}"}`]: { '.': {}, 'f:uid': {} } },
            },
          },
        },
      ],
    },
    data: { color: 'blue', size: 'L' },
  };
}

const fieldsOf = (obj: KubeObject) => (obj.metadata.managedFields![0] as { fieldsV1: any }).fieldsV1;

describe('FieldSetPool', () => {
  it('keeps every field set whole and equal to the one received', () => {
    const pool = new FieldSetPool();
    const received = configMap('a', 'uid-1');
    const shared = pool.share(received);
    expect(shared).toEqual(received);
    expect(shared.metadata.managedFields).toEqual(received.metadata.managedFields);
  });

  it('holds equal subtrees of different objects once, and the differing parts apart', () => {
    const pool = new FieldSetPool();
    const a = fieldsOf(pool.share(configMap('a', 'uid-1')));
    const b = fieldsOf(pool.share(configMap('b', 'uid-2')));
    expect(b['f:data']).toBe(a['f:data']);
    expect(b['f:metadata']).not.toBe(a['f:metadata']);
    expect(b['f:metadata']['f:ownerReferences']).toEqual({ 'k:{"uid":"uid-2"}': { '.': {}, 'f:uid': {} } });
    // an object with the same owner shares its whole field set
    expect(fieldsOf(pool.share(configMap('c', 'uid-1')))).toBe(a);
  });

  it('freezes the shared subtrees and leaves the received object free to change', () => {
    const pool = new FieldSetPool();
    const received = configMap('a', 'uid-1');
    const shared = fieldsOf(pool.share(received));
    expect(Object.isFrozen(shared['f:data'])).toBe(true);
    expect(Object.isFrozen(fieldsOf(received))).toBe(false);
    fieldsOf(received)['f:data']['f:extra'] = {};
    expect(shared['f:data']).toEqual({ 'f:color': {}, 'f:size': {} });
  });

  it('takes the field sets that did not change from the earlier version of the object, and pools the others', () => {
    const pool = new FieldSetPool();
    const first = pool.share(configMap('a', 'uid-1'));
    const same = pool.share(configMap('a', 'uid-1'), first);
    expect(fieldsOf(same)).toBe(fieldsOf(first));
    const moved = configMap('a', 'uid-2');
    const changed = pool.share(moved, first);
    expect(fieldsOf(changed)).toEqual(fieldsOf(moved));
    expect(fieldsOf(changed)).not.toBe(fieldsOf(first));
    expect(fieldsOf(changed)['f:data']).toBe(fieldsOf(first)['f:data']); // still pooled
  });

  it('returns objects without managed fields unchanged', () => {
    const pool = new FieldSetPool();
    const plain: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } };
    expect(pool.share(plain)).toBe(plain);
    expect(pool.size).toBe(0);
  });
});
