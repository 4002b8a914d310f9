import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from './GitSource';

jest.setTimeout(60_000);

describe('GitSource.changedFiles', () => {
  let server: GitTestServer;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url, dir } = await server.createRepo('mono', {
      'apps/web/deployment.yaml': 'replicas: 1\n',
      'apps/web/service.yaml': 'port: 80\n',
      'apps/api/deployment.yaml': 'replicas: 1\n',
      'docs/readme.md': 'hello\n',
      'shared/config': 'a file that becomes a folder\n',
    }));
  });
  afterAll(() => server.stop());

  it('lists added, changed and removed files as git diff --name-only does, and nothing for an unchanged tree', async () => {
    const source = new GitSource({
      cacheDir: await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'slipway-diff-'),
      ),
    });
    const first = (await source.resolveRevision(url, 'main')).commit;
    await server.commit('mono', {
      'apps/web/deployment.yaml': 'replicas: 2\n',
      'apps/api/configmap.yaml': 'new\n',
      'docs/readme.md': null,
      'shared/config': null,
      'shared/config/values.yaml': 'now a folder\n',
    });
    const second = (await source.resolveRevision(url, 'main')).commit;
    const changed = await source.changedFiles(url, first, second);
    expect(changed).toEqual([
      'apps/api/configmap.yaml',
      'apps/web/deployment.yaml',
      'docs/readme.md',
      'shared/config',
      'shared/config/values.yaml',
    ]);
    // git itself agrees
    const git = execFileSync(
      'git',
      ['--git-dir', dir, 'diff', '--name-only', first, second],
      { encoding: 'utf8' },
    );
    expect(changed).toEqual(git.trim().split('\n').sort());

    expect(await source.changedFiles(url, second, second)).toEqual([]);
    // reversed, the same files
    expect(await source.changedFiles(url, second, first)).toEqual(changed);
  });
});
