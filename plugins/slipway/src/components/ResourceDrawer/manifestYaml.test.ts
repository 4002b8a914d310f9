import { manifestYaml } from './manifestYaml';

describe('manifestYaml', () => {
  it('renders the object as YAML without managed fields', () => {
    const text = manifestYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', namespace: 'shop', managedFields: [{ manager: 'slipway', operation: 'Apply' }] },
      data: { greeting: 'hello' },
    });
    expect(text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\ndata:\n  greeting: hello\n');
  });

  it('keeps masked Secret values as they are', () => {
    const text = manifestYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: '++++++++' } });
    expect(text).toContain("password: ++++++++");
  });
});
