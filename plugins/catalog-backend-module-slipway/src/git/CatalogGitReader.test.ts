import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryGitReader } from '@slipway/plugin-slipway-node';
import { CatalogGitReader } from './CatalogGitReader';

const DEMO = 'https://git.example.com/slipway/demo-gitops.git';

describe('CatalogGitReader', () => {
  let folder: string;
  let repository: string;

  beforeAll(async () => {
    const base = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-catalog-git-'));
    folder = path.join(base, 'gitops');
    await fs.promises.mkdir(path.join(folder, 'infrastructure/observability'), { recursive: true });
    await fs.promises.mkdir(path.join(folder, 'infrastructure/network-policies'), { recursive: true });
    await fs.promises.writeFile(path.join(folder, 'infrastructure/observability/cm.yaml'), 'kind: ConfigMap\n');
    repository = path.join(base, 'repo');
    await fs.promises.mkdir(path.join(repository, '.git'), { recursive: true });
  });

  it('reads a localPath that is only a folder as a working tree, at every revision', async () => {
    const source = new InMemoryGitReader({});
    const reader = new CatalogGitReader({ source, localPaths: [{ url: DEMO, localPath: folder }] });
    await expect(reader.listDirectories('https://git.example.com/slipway/demo-gitops', 'HEAD', 'infrastructure/*')).resolves.toEqual([
      'infrastructure/network-policies',
      'infrastructure/observability',
    ]);
    await expect(reader.readFiles(DEMO, 'v1', 'infrastructure/**/*.yaml')).resolves.toEqual([
      { path: 'infrastructure/observability/cm.yaml', content: 'kind: ConfigMap\n' },
    ]);
    expect(source.calls).toEqual([]);
  });

  it('reads other repositories, and localPaths that are repositories, through the Git source', async () => {
    const source = new InMemoryGitReader({ 'apps/a/x.yaml': 'a' });
    const reader = new CatalogGitReader({
      source,
      localPaths: [{ url: DEMO, localPath: repository }],
    });
    await expect(reader.listDirectories('https://example.com/other.git', 'main', 'apps/*')).resolves.toEqual(['apps/a']);
    await reader.listDirectories(DEMO, 'HEAD', 'apps/*');
    expect(source.calls).toEqual([
      'listDirectories https://example.com/other.git@main apps/*',
      `listDirectories ${DEMO}@HEAD apps/*`,
    ]);
  });
});
