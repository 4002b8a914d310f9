import { expandApplicationSet } from '../expand';
import type { PluginGeneratorService, PluginParamsRequest } from '../types';

/** A plugin service answering from a table, recording what it was asked. */
function pluginService(answers: Record<string, unknown[] | Error>) {
  const asked: PluginParamsRequest[] = [];
  const service: PluginGeneratorService = {
    async getParams(request) {
      asked.push(request);
      const answer = answers[request.plugin];
      if (answer instanceof Error) throw answer;
      if (!answer) throw new Error('no plugin of this name is configured');
      return answer;
    },
  };
  return { service, asked };
}

// Generators-Plugin.md: the simple example, with input parameters and values.
function pluginSet(goTemplate: boolean, template: Record<string, unknown>, plugin: Record<string, unknown> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'myplugin', namespace: 'argocd' },
    spec: {
      goTemplate,
      generators: [
        {
          plugin: {
            configMapRef: { name: 'my-plugin' },
            input: { parameters: { key1: 'value1', list: ['a', 'b'], map: { k: 'v' } } },
            values: { value1: 'something' },
            ...plugin,
          },
        },
      ],
      template,
    },
  };
}

const target = (name: string, path: string) => ({
  metadata: { name },
  spec: {
    project: 'default',
    source: { repoURL: 'https://github.com/acme/gitops.git', targetRevision: 'HEAD', path },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'apps' },
  },
});

describe('plugin generator', () => {
  it('sends the ApplicationSet name and input parameters, and fills the template from each returned set (goTemplate)', async () => {
    const { service, asked } = pluginService({
      'my-plugin': [
        { name: 'api', config: { replicas: 2, tier: 'backend' } },
        { name: 'web', config: { replicas: 1, tier: 'frontend' } },
      ],
    });
    const result = await expandApplicationSet(
      pluginSet(true, target('{{.name}}-{{.config.tier}}', '{{.generator.input.parameters.key1}}/{{index .generator.input.parameters.list 1}}/{{.values.value1}}/{{.config.replicas}}')),
      { plugins: service },
    );

    expect(result.errors).toEqual([]);
    expect(asked).toEqual([
      {
        plugin: 'my-plugin',
        applicationSetName: 'myplugin',
        parameters: { key1: 'value1', list: ['a', 'b'], map: { k: 'v' } },
      },
    ]);
    expect(result.applications.map(a => [a.metadata.name, (a.spec.source as { path: string }).path])).toEqual([
      ['api-backend', 'value1/b/something/2'],
      ['web-frontend', 'value1/b/something/1'],
    ]);
  });

  it('flattens returned sets into dotted keys printed as Go prints them, with the default syntax', async () => {
    const { service } = pluginService({
      'my-plugin': [{ name: 'api', config: { replicas: 2, ratio: 0.5, enabled: true, zones: ['eu-1', 'eu-2'] } }],
    });
    const result = await expandApplicationSet(
      pluginSet(false, target('{{name}}', '{{config.replicas}}/{{config.ratio}}/{{config.enabled}}/{{config.zones.1}}/{{values.value1}}')),
      { plugins: service },
    );

    expect(result.errors).toEqual([]);
    expect((result.applications[0].spec.source as { path: string }).path).toBe('2/0.5/true/eu-2/something');
  });

  it('filters returned sets with the post selector and combines with other generators in a matrix', async () => {
    const { service } = pluginService({
      'my-plugin': [
        { name: 'api', tier: 'backend' },
        { name: 'web', tier: 'frontend' },
      ],
    });
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'matrix', namespace: 'argocd' },
      spec: {
        goTemplate: true,
        generators: [
          {
            matrix: {
              generators: [
                { list: { elements: [{ env: 'dev' }, { env: 'prod' }] } },
                {
                  plugin: { configMapRef: { name: 'my-plugin' } },
                  selector: { matchLabels: { tier: 'backend' } },
                },
              ],
            },
          },
        ],
        template: target('{{.name}}-{{.env}}', 'apps/{{.name}}'),
      },
    };
    const result = await expandApplicationSet(set, { plugins: service });

    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual(['api-dev', 'api-prod']);
  });

  it('reports a failing plugin with the generator, the plugin and its reason, and generates nothing', async () => {
    const { service } = pluginService({
      'my-plugin': new Error('http://plugin.local/api/v1/getparams.execute answered HTTP 401: invalid token'),
    });
    const result = await expandApplicationSet(pluginSet(true, target('{{.name}}', 'x')), { plugins: service });

    expect(result.applications).toEqual([]);
    expect(result.errors.map(e => e.message)).toEqual([
      'ApplicationSet "myplugin": spec.generators[0].plugin: plugin "my-plugin": http://plugin.local/api/v1/getparams.execute answered HTTP 401: invalid token',
    ]);
  });

  it.each([
    [{ configMapRef: {} }, /configMapRef\.name must name the plugin to call; configure the plugin under slipway\.applicationSets\.plugins/],
    [{ input: { parameters: ['a'] } }, /"input\.parameters" must be a map/],
  ])('refuses a malformed generator %j with what to fix', async (plugin, message) => {
    const { service, asked } = pluginService({ 'my-plugin': [] });
    const result = await expandApplicationSet(pluginSet(true, target('{{.name}}', 'x'), plugin), { plugins: service });

    expect(result.errors[0].message).toMatch(message);
    expect(asked).toEqual([]);
  });

  it('says that plugins must be configured when no plugin service is given', async () => {
    const result = await expandApplicationSet(pluginSet(true, target('{{.name}}', 'x')));

    expect(result.errors[0].message).toMatch(/plugin "my-plugin" cannot be called: no plugin services are configured/);
  });

  it('refuses an answer whose parameter sets are not maps', async () => {
    const { service } = pluginService({ 'my-plugin': [{ name: 'api' }, 'web'] });
    const result = await expandApplicationSet(pluginSet(true, target('{{.name}}', 'x')), { plugins: service });

    expect(result.errors[0].message).toMatch(/answered output\.parameters\[1\] that is not a map/);
  });
});
