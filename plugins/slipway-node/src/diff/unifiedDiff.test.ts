import { unifiedDiff } from './unifiedDiff';

const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web', namespace: 'prod' },
  data,
});

describe('unifiedDiff', () => {
  it('is empty for equal objects, whatever the order of their keys', () => {
    const live = configMap({ a: '1', b: '2' });
    const predicted = { data: { b: '2', a: '1' }, metadata: { namespace: 'prod', name: 'web' }, kind: 'ConfigMap', apiVersion: 'v1' };
    expect(unifiedDiff(live, predicted)).toBe('');
    expect(unifiedDiff(null, null)).toBe('');
  });

  it('shows a changed value as a removed and an added YAML line under live/ and desired/ headers', () => {
    const diff = unifiedDiff(configMap({ mode: 'green' }), configMap({ mode: 'blue' }));
    expect(diff).toContain('--- live/ConfigMap/prod/web');
    expect(diff).toContain('+++ desired/ConfigMap/prod/web');
    expect(diff).toContain('-  mode: green');
    expect(diff).toContain('+  mode: blue');
  });

  it('shows a missing live object as all lines added', () => {
    const diff = unifiedDiff(null, configMap({ mode: 'blue' }));
    expect(diff).toContain('+kind: ConfigMap');
    expect(diff).not.toMatch(/^-kind/m);
  });
});
