import { formatResourceKey, groupOf, resourceKeyOf } from './kubernetes';

describe('resource keys', () => {
  it('takes the group from apiVersion, empty for the core group', () => {
    expect(groupOf('v1')).toBe('');
    expect(groupOf('apps/v1')).toBe('apps');
    expect(groupOf('argoproj.io/v1alpha1')).toBe('argoproj.io');
  });

  it('keys namespaced and cluster-scoped objects', () => {
    const key = resourceKeyOf({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'prod' },
    });
    expect(formatResourceKey(key)).toBe('apps/Deployment/prod/web');
    expect(
      formatResourceKey(
        resourceKeyOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }),
      ),
    ).toBe('/Namespace//prod');
  });
});
