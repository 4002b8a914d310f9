import { escapeSetValue, helmTemplateArgs } from './helmArgs';

describe('helm template arguments', () => {
  it('escapes commas of --set values like Argo CD, except list values', () => {
    expect(escapeSetValue('a,b')).toBe('a\\,b');
    expect(escapeSetValue('a\\,b')).toBe('a\\,b');
    expect(escapeSetValue('{a,b}')).toBe('{a,b}');
  });

  it('lists value files in order, then parameters, with CRDs included by default', () => {
    const args = helmTemplateArgs({
      releaseName: 'r',
      chartDir: '/c',
      namespace: 'ns',
      kubeVersion: '1.30.0',
      apiVersions: ['a/v1', 'b/v1'],
      crds: 'include',
      skipTests: true,
      valueFiles: ['/v1.yaml', '/v2.yaml'],
      parameters: [
        { name: 'x', value: '1' },
        { name: 'y', value: 'true', forceString: true },
      ],
      fileParameters: [{ name: 'z', path: '/z.txt' }],
    });
    expect(args).toEqual([
      'template', '/c', '--name-template', 'r', '--namespace', 'ns',
      '--kube-version', '1.30.0', '--api-versions', 'a/v1', '--api-versions', 'b/v1',
      '--include-crds', '--skip-tests',
      '--values', '/v1.yaml', '--values', '/v2.yaml',
      '--set', 'x=1', '--set-string', 'y=true', '--set-file', 'z=/z.txt',
    ]);
  });
});
