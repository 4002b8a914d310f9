/**
 * A GitReader over a directory on disk (a working tree): every repoURL and
 * revision reads the same tree. Hidden (`.`-prefixed) directories are
 * skipped, as the git directory generator does; symbolic links are not
 * followed. For checking expansions locally and in tests.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { directoryMatcher, fileMatcher, staticPrefix } from './globs';
import type { GitFile, GitFileGlobbing, GitReader } from './types';

/** Options of a WorkingTreeGitReader. @public */
export interface WorkingTreeGitReaderOptions {
  /** How file globs match; must equal the expansion's setting (default 'legacy'). */
  gitFileGlobbing?: GitFileGlobbing;
  /** Most entries walked per call (default 100000). */
  maxEntries?: number;
  /** Largest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
}

/** Reads git generator input from a directory tree. @public */
export class WorkingTreeGitReader implements GitReader {
  private readonly root: string;

  constructor(
    root: string,
    private readonly options: WorkingTreeGitReaderOptions = {},
  ) {
    this.root = path.resolve(root);
  }

  private async walk(
    start: string,
    wantFiles: boolean,
    maxDepth = Infinity,
  ): Promise<string[]> {
    const out: string[] = [];
    const max = this.options.maxEntries ?? 100000;
    let seen = 0;
    const visit = async (rel: string) => {
      let entries;
      try {
        entries = await fs.readdir(path.join(this.root, rel), {
          withFileTypes: true,
        });
      } catch (e) {
        if (
          (e as NodeJS.ErrnoException).code === 'ENOENT' ||
          (e as NodeJS.ErrnoException).code === 'ENOTDIR'
        )
          return;
        throw e;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        if (++seen > max)
          throw new Error(
            `more than ${max} entries under ${this.root}; narrow the generator's path`,
          );
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (entry.name.startsWith('.')) continue;
          if (!wantFiles) out.push(child);
          if (child.split('/').length < maxDepth) await visit(child);
        } else if (wantFiles && entry.isFile()) {
          out.push(child);
        }
      }
    };
    if (start && !wantFiles) {
      // The start directory itself may match (e.g. path "apps").
      const stat = await fs
        .stat(path.join(this.root, start))
        .catch(() => undefined);
      if (stat?.isDirectory()) out.push(start);
    }
    await visit(start);
    return out;
  }

  private checkInside(rel: string) {
    const abs = path.resolve(this.root, rel);
    if (abs !== this.root && !abs.startsWith(this.root + path.sep))
      throw new Error(`path "${rel}" leaves the repository`);
  }

  async listDirectories(
    _repoURL: string,
    _revision: string,
    pathGlob: string,
  ): Promise<string[]> {
    const start = staticPrefix(pathGlob);
    this.checkInside(start);
    const match = directoryMatcher(pathGlob);
    // Directory patterns never cross "/", so nothing deeper than the pattern can match.
    const depth = pathGlob.split('/').length;
    return (await this.walk(start, false, depth)).filter(d => match(d));
  }

  async readFiles(
    _repoURL: string,
    _revision: string,
    pathGlob: string,
  ): Promise<GitFile[]> {
    const start = staticPrefix(pathGlob);
    this.checkInside(start);
    const match = fileMatcher(
      pathGlob,
      this.options.gitFileGlobbing ?? 'legacy',
    );
    const files = (await this.walk(start, true)).filter(f => match(f));
    const maxBytes = this.options.maxFileBytes ?? 1024 * 1024;
    const out: GitFile[] = [];
    for (const f of files) {
      const abs = path.join(this.root, f);
      const stat = await fs.stat(abs);
      if (stat.size > maxBytes)
        throw new Error(`file "${f}" is larger than ${maxBytes} bytes`);
      out.push({ path: f, content: await fs.readFile(abs, 'utf8') });
    }
    return out;
  }
}
