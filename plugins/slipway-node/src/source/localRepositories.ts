import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import { normalizeRepoUrl } from './credentials';

/**
 * A repository URL served from a folder on this machine
 * (`slipway.repositories[].localPath`): the demo portal reads its GitOps
 * repository from this checkout instead of a Git server.
 * @public
 */
export interface RepositoryLocalPath {
  /** The repository URL as Applications and ApplicationSets write it. */
  url: string;
  /** Absolute path of the folder. */
  localPath: string;
}

/**
 * Reads the `localPath` of `slipway.repositories[]`; relative paths are
 * resolved against `baseDir` (default: the working directory of the backend,
 * like the catalog's `file` locations).
 * @public
 */
export function readRepositoryLocalPaths(
  config: Config,
  baseDir: string = process.cwd(),
): RepositoryLocalPath[] {
  const out: RepositoryLocalPath[] = [];
  for (const entry of config.getOptionalConfigArray('slipway.repositories') ?? []) {
    const localPath = entry.getOptionalString('localPath');
    if (localPath) {
      out.push({ url: entry.getString('url'), localPath: path.resolve(baseDir, localPath) });
    }
  }
  return out;
}

/** The configured local folder of a repository URL (compared without `.git`, trailing `/` and case). @public */
export function findRepositoryLocalPath(
  localPaths: RepositoryLocalPath[],
  repoURL: string,
): RepositoryLocalPath | undefined {
  const wanted = normalizeRepoUrl(repoURL);
  return localPaths.find(entry => normalizeRepoUrl(entry.url) === wanted);
}

/**
 * Whether a folder is a Git repository of its own: a work tree root (`.git`
 * folder or file) or a bare repository. A folder that is only inside another
 * repository's work tree is not.
 * @public
 */
export function isGitRepositoryRoot(dir: string): boolean {
  if (fs.existsSync(path.join(dir, '.git'))) {
    return true;
  }
  return ['HEAD', 'objects', 'refs'].every(name => fs.existsSync(path.join(dir, name)));
}
