/**
 * A GitReader (the ApplicationSet git generators' view of Git) over the
 * engine's Source: the revision is resolved to a commit, the tree is listed
 * at that commit and files are read from it, so the catalog reads exactly
 * what the engine deploys.
 */
import { directoryMatcher, fileMatcher, staticPrefix } from '../applicationset/globs';
import type { GitFile, GitFileGlobbing, GitReader } from '../applicationset/types';
import { redactUrl } from './redact';
import { SourceError, type Source, type TreeEntry } from './Source';

/** Options of a SourceGitReader. @public */
export interface SourceGitReaderOptions {
  /** How file globs match; must equal the expansion's setting (default 'legacy'). */
  gitFileGlobbing?: GitFileGlobbing;
  /** Most files one readFiles call reads (default 10000). */
  maxFiles?: number;
  /** Largest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
}

function isHidden(path: string): boolean {
  return path.split('/').some(segment => segment.startsWith('.'));
}

/** Reads git generator input through a Source (e.g. the engine's GitSource). @public */
export class SourceGitReader implements GitReader {
  constructor(
    private readonly source: Source,
    private readonly options: SourceGitReaderOptions = {},
  ) {}

  /** The tree below the glob's fixed prefix at the resolved revision; a missing folder is empty. */
  private async tree(repoURL: string, revision: string, pathGlob: string) {
    const { commit } = await this.source.resolveRevision(repoURL, revision);
    const start = staticPrefix(pathGlob);
    let entries: TreeEntry[];
    try {
      entries = await this.source.listFiles(repoURL, commit, start);
    } catch (e) {
      // The revision resolved, so "not found" is about the folder: nothing matches.
      if (e instanceof SourceError && e.reason === 'not-found') {
        return { commit, entries: [] };
      }
      throw e;
    }
    return { commit, entries };
  }

  async listDirectories(repoURL: string, revision: string, pathGlob: string): Promise<string[]> {
    const { entries } = await this.tree(repoURL, revision, pathGlob);
    const match = directoryMatcher(pathGlob);
    return entries
      .filter(e => e.type === 'directory' && !isHidden(e.path) && match(e.path))
      .map(e => e.path)
      .sort();
  }

  async readFiles(repoURL: string, revision: string, pathGlob: string): Promise<GitFile[]> {
    const { commit, entries } = await this.tree(repoURL, revision, pathGlob);
    const match = fileMatcher(pathGlob, this.options.gitFileGlobbing ?? 'legacy');
    const paths = entries
      .filter(e => e.type === 'file' && match(e.path))
      .map(e => e.path)
      .sort();
    const maxFiles = this.options.maxFiles ?? 10000;
    if (paths.length > maxFiles) {
      throw new Error(
        `${paths.length} files match "${pathGlob}" in ${redactUrl(repoURL)}, more than ${maxFiles}; narrow the generator's path`,
      );
    }
    const maxBytes = this.options.maxFileBytes ?? 1024 * 1024;
    const out: GitFile[] = [];
    for (const path of paths) {
      const content = await this.source.readFile(repoURL, commit, path);
      if (content.length > maxBytes) {
        throw new Error(`file "${path}" in ${redactUrl(repoURL)} is larger than ${maxBytes} bytes`);
      }
      out.push({ path, content: content.toString('utf8') });
    }
    return out;
  }
}
