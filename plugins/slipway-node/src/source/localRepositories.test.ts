import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { GitSource } from './GitSource';
import {
  findRepositoryLocalPath,
  isGitRepositoryRoot,
  readRepositoryLocalPaths,
} from './localRepositories';
import { SourceGitReader } from './SourceGitReader';

const URL = 'https://git.example.com/slipway/demo-gitops.git';

describe('slipway.repositories[].localPath', () => {
  it('reads local paths relative to the base folder and leaves other entries out', () => {
    const config = new ConfigReader({
      slipway: {
        repositories: [
          { url: URL, localPath: '../../examples/gitops' },
          { url: 'https://github.com/acme/', token: 't' },
        ],
      },
    });
    expect(readRepositoryLocalPaths(config, '/srv/portal/packages/backend')).toEqual([
      { url: URL, localPath: path.resolve('/srv/portal/examples/gitops') },
    ]);
  });

  it('matches the URL however Applications spell it', () => {
    const paths = [{ url: URL, localPath: '/x' }];
    expect(findRepositoryLocalPath(paths, 'https://git.example.com/slipway/demo-gitops')?.localPath).toBe('/x');
    expect(findRepositoryLocalPath(paths, 'https://GIT.example.com/slipway/demo-gitops.git/')?.localPath).toBe('/x');
    expect(findRepositoryLocalPath(paths, 'https://git.example.com/slipway/other.git')).toBeUndefined();
  });

  describe('with a Git repository on disk', () => {
    let base: string;
    let repoDir: string;
    let commit: string;

    beforeAll(async () => {
      base = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-localpath-'));
      repoDir = path.join(base, 'repo');
      const sh = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: repoDir,
          env: { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' },
        }).toString();
      await fs.promises.mkdir(path.join(repoDir, 'examples/gitops/infrastructure/observability'), { recursive: true });
      await fs.promises.writeFile(path.join(repoDir, 'examples/gitops/infrastructure/observability/cm.yaml'), 'kind: ConfigMap\n');
      sh('init', '-q', '-b', 'main');
      sh('add', '.');
      sh('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
      commit = sh('rev-parse', 'HEAD').trim();
    });

    it('tells a repository root from a folder inside a work tree', () => {
      expect(isGitRepositoryRoot(repoDir)).toBe(true);
      expect(isGitRepositoryRoot(path.join(repoDir, 'examples/gitops'))).toBe(false);
    });

    it('lets GitSource read the URL from the folder, at its committed state, even with local repositories disabled', async () => {
      const source = new GitSource({
        cacheDir: await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-src-')),
        allowLocalRepositories: false,
        localPaths: [{ url: URL, localPath: path.join(repoDir, 'examples/gitops') }],
      });
      await expect(source.resolveRevision(URL, 'HEAD')).resolves.toMatchObject({ commit });
      const reader = new SourceGitReader(source);
      await expect(reader.listDirectories(URL, 'HEAD', 'infrastructure/*')).resolves.toEqual([
        'infrastructure/observability',
      ]);
      // other local paths stay refused
      await expect(source.resolveRevision(repoDir, 'HEAD')).rejects.toThrow(/Local repositories are disabled/);
    });
  });
});
