import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactUrl } from './redact';
import { SourceError } from './Source';

/** Where a `repoURL` points. */
export type RepoLocation =
  | { kind: 'remote'; url: string; key: string; label: string }
  | { kind: 'local'; dir: string; key: string; label: string };

/** A local repository found on disk. */
export interface LocalRepository {
  gitdir: string;
  /** `/`-separated path of the requested folder inside the work tree ('' for its root). */
  subdir: string;
}

/** Short stable hash used to name cache folders. */
export function hashKey(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 24);
}

/** The URL without credentials, query or fragment, for cache keys. */
function canonicalRemote(url: URL): string {
  const copy = new URL(url.toString());
  copy.username = '';
  copy.password = '';
  copy.hash = '';
  return copy.toString().replace(/\/+$/, '');
}

/**
 * Classifies a `repoURL`: http(s) URLs are fetched; `file://` URLs and plain
 * paths (resolved against `localBaseDir`) are read in place.
 */
export function parseRepoLocation(repoURL: string, localBaseDir: string): RepoLocation {
  const raw = (repoURL ?? '').trim();
  const label = redactUrl(raw);
  if (raw === '') {
    throw new SourceError('invalid-url', 'The repository URL is empty; set repoURL on the source');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new SourceError('invalid-url', `The repository URL "${label}" is not a valid URL`);
    }
    if (url.protocol === 'file:') {
      const dir = path.resolve(fileURLToPath(url));
      return { kind: 'local', dir, key: hashKey(`file:${dir}`), label };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SourceError(
        'invalid-url',
        `The repository URL "${label}" uses ${url.protocol.replace(':', '')}; ` +
          'only https://, http:// and file:// repositories are supported',
      );
    }
    return { kind: 'remote', url: raw, key: hashKey(canonicalRemote(url)), label };
  }
  if (/^[\w.-]+@[\w.-]+:/.test(raw)) {
    throw new SourceError(
      'invalid-url',
      `The repository URL "${label}" uses SSH; only https://, http:// and file:// repositories are supported`,
    );
  }
  const dir = path.resolve(localBaseDir, raw);
  return { kind: 'local', dir, key: hashKey(`file:${dir}`), label };
}

/**
 * Finds the Git repository holding `dir` (a work tree, a bare repository, or a
 * folder inside a work tree, in which case that folder is the repository root
 * Slipway sees).
 */
export async function findLocalRepository(dir: string, label: string): Promise<LocalRepository> {
  let real: string;
  try {
    real = await fs.promises.realpath(dir);
  } catch {
    throw new SourceError('not-found', `The local repository ${label} does not exist`);
  }
  if (isGitDir(real)) {
    return { gitdir: real, subdir: '' };
  }
  for (let current = real; ; current = path.dirname(current)) {
    const dotGit = path.join(current, '.git');
    const stat = await fs.promises.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) {
      return { gitdir: dotGit, subdir: path.relative(current, real).split(path.sep).join('/') };
    }
    if (stat?.isFile()) {
      const text = await fs.promises.readFile(dotGit, 'utf8');
      const match = /^gitdir:\s*(.+)$/m.exec(text);
      if (match) {
        return {
          gitdir: path.resolve(current, match[1].trim()),
          subdir: path.relative(current, real).split(path.sep).join('/'),
        };
      }
    }
    if (path.dirname(current) === current) {
      break;
    }
  }
  throw new SourceError(
    'not-found',
    `${label} is not inside a Git repository; run "git init" there and commit the manifests`,
  );
}

function isGitDir(dir: string): boolean {
  return (
    fs.existsSync(path.join(dir, 'HEAD')) &&
    fs.existsSync(path.join(dir, 'objects')) &&
    fs.existsSync(path.join(dir, 'refs'))
  );
}
