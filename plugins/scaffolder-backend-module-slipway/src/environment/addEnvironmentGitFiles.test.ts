import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addEnvironment, EnvironmentTarget } from './addEnvironment';
import { destinationOf } from './expansion';

const REPO = 'https://git.example.com/slipway/demo-gitops.git';

/** An ApplicationSet whose git files generator reads `files` (Argo CD: one parameter set per file or list item). */
const applicationSet = (files: string, name: string) => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: checkout
spec:
  goTemplate: true
  goTemplateOptions: ["missingkey=error"]
  generators:
    - git:
        repoURL: ${REPO}
        revision: HEAD
        files:
          - path: ${files}
  template:
    metadata:
      name: '${name}'
    spec:
      project: default
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: apps/checkout
      destination:
        name: '{{.cluster}}'
        namespace: '{{.namespace}}'
`;

describe('addEnvironment with a git files generator', () => {
  let dir: string;
  const target: () => EnvironmentTarget = () => ({
    dir,
    repoURL: REPO,
    filePath: 'applicationsets/checkout.yaml',
    revisions: ['HEAD', 'main'],
    clusters: [{ name: 'embedded', server: 'embedded' }],
  });
  const write = async (files: Record<string, string>) => {
    for (const [rel, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), content);
    }
  };
  const read = (rel: string) => fs.readFile(path.join(dir, rel), 'utf8');

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-gitfiles-'));
    await write({ 'apps/checkout/kustomization.yaml': 'resources: []\n' });
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('copies a YAML file named after the environment, keeping its comments', async () => {
    await write({
      'applicationsets/checkout.yaml': applicationSet('envs/*.yaml', 'checkout-{{.path.filenameNormalized | trimSuffix ".yaml"}}'),
      'envs/dev.yaml': '# the dev environment\ncluster: embedded # in-process cluster\nnamespace: checkout-dev\n',
    });
    const result = await addEnvironment(target(), { environment: 'qa', copyFrom: 'dev', overrides: {} });
    expect(result.generator).toBe('git-files');
    expect(result.applications.map(a => [a.metadata.name, a.spec.destination])).toEqual([
      ['checkout-qa', { name: 'embedded', namespace: 'checkout-qa' }],
    ]);
    expect(await read('envs/qa.yaml')).toBe(
      '# the dev environment\ncluster: embedded # in-process cluster\nnamespace: checkout-qa\n',
    );
  });

  it('copies every file of the environment folder: each one is an Application', async () => {
    await write({
      'applicationsets/checkout.yaml': applicationSet('regions/*/*.json', 'checkout-{{.path.basename}}-{{.region}}'),
      'regions/dev/eu.json': '{"region": "eu", "cluster": "embedded", "namespace": "checkout-dev-eu"}',
      'regions/dev/us.json': '{"region": "us", "cluster": "embedded", "namespace": "checkout-dev-us"}',
      'regions/prod/eu.json': '{"region": "eu", "cluster": "embedded", "namespace": "checkout-prod-eu"}',
    });
    const result = await addEnvironment(target(), { environment: 'qa', copyFrom: 'dev', overrides: {} });
    expect(result.applications.map(a => [a.metadata.name, destinationOf(a).namespace])).toEqual([
      ['checkout-qa-eu', 'checkout-qa-eu'],
      ['checkout-qa-us', 'checkout-qa-us'],
    ]);
    expect(JSON.parse(await read('regions/qa/us.json'))).toEqual({
      region: 'us',
      cluster: 'embedded',
      namespace: 'checkout-qa-us',
    });
  });

  it('refuses a generator file that is not valid JSON, naming it', async () => {
    await write({
      'applicationsets/checkout.yaml': applicationSet('envs/*/config.json', 'checkout-{{.path.basename}}'),
      'envs/dev/config.json': '{"cluster": "embedded", "namespace": "checkout-dev"}',
      'envs/prod/config.json': '{"cluster": "embedded", "namespace": ',
    });
    await expect(addEnvironment(target(), { environment: 'qa', copyFrom: 'dev', overrides: {} })).rejects.toThrow(
      /ApplicationSet 'checkout' does not expand as it is; fix it first: .*envs\/prod\/config\.json/,
    );
  });
});
