import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitTestServer } from '@slipway/test-utils';
import { expandApplicationSet } from '../applicationset';
import { GitSource } from './GitSource';
import { SourceGitReader } from './SourceGitReader';

jest.setTimeout(60_000);

describe('SourceGitReader over a GitSource and a Git smart-HTTP server', () => {
  let server: GitTestServer;
  let url: string;
  let reader: SourceGitReader;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('gitops', {
      'apps/payments/config.json': '{"env": "prod", "replicas": 3}',
      'apps/storefront/config.json': '{"env": "dev", "replicas": 1}',
      'apps/storefront/values/dev.yaml': 'replicas: 1',
      'apps/.hidden/config.json': '{"env": "none"}',
      'infrastructure/network-policies/default-deny.yaml': 'kind: NetworkPolicy',
      'README.md': 'demo',
    }));
    const cacheDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-reader-'));
    reader = new SourceGitReader(new GitSource({ cacheDir }));
  });
  afterAll(() => server.stop());

  it('lists the directories a git directories generator pattern matches, without hidden ones', async () => {
    await expect(reader.listDirectories(url, 'HEAD', 'apps/*')).resolves.toEqual([
      'apps/payments',
      'apps/storefront',
    ]);
    // `*` stays within one directory level
    await expect(reader.listDirectories(url, 'HEAD', '*')).resolves.toEqual(['apps', 'infrastructure']);
  });

  it('finds nothing below a folder the commit does not have', async () => {
    await expect(reader.listDirectories(url, 'HEAD', 'missing/*')).resolves.toEqual([]);
    await expect(reader.readFiles(url, 'HEAD', 'missing/**/*.json')).resolves.toEqual([]);
  });

  it('reads the files a git files generator pattern matches, with their content', async () => {
    await expect(reader.readFiles(url, 'HEAD', 'apps/*/config.json')).resolves.toEqual([
      { path: 'apps/.hidden/config.json', content: '{"env": "none"}' },
      { path: 'apps/payments/config.json', content: '{"env": "prod", "replicas": 3}' },
      { path: 'apps/storefront/config.json', content: '{"env": "dev", "replicas": 1}' },
    ]);
  });

  it('reads the revision asked for: a new commit on the branch is seen, a tag stays put', async () => {
    const first = await server.headOf('gitops');
    await server.tag('gitops', 'v1', first);
    await server.commit('gitops', { 'infrastructure/observability/configmap.yaml': 'kind: ConfigMap' }, { message: 'add observability' });
    await expect(reader.listDirectories(url, 'HEAD', 'infrastructure/*')).resolves.toEqual([
      'infrastructure/network-policies',
      'infrastructure/observability',
    ]);
    await expect(reader.listDirectories(url, 'v1', 'infrastructure/*')).resolves.toEqual([
      'infrastructure/network-policies',
    ]);
  });

  it('reports a revision that does not exist', async () => {
    await expect(reader.listDirectories(url, 'no-such-branch', 'apps/*')).rejects.toThrow(/no-such-branch/);
  });

  it('feeds the git directories generator of an ApplicationSet', async () => {
    const { applications, errors } = await expandApplicationSet(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'apps' },
        spec: {
          generators: [{ git: { repoURL: url, revision: 'HEAD', directories: [{ path: 'apps/*' }] } }],
          template: {
            metadata: { name: '{{path.basename}}' },
            spec: {
              project: 'default',
              source: { repoURL: url, targetRevision: 'HEAD', path: '{{path}}' },
              destination: { name: 'embedded', namespace: '{{path.basename}}' },
            },
          },
        },
      },
      { git: reader },
    );
    expect(errors).toEqual([]);
    expect(applications.map(a => a.metadata.name)).toEqual(['payments', 'storefront']);
  });
});
