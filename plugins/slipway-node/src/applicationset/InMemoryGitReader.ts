/**
 * A GitReader over files held in memory (path → content); directories are
 * those that contain a file. For tests and for callers that already hold
 * the repository content.
 */
import { directoryMatcher, fileMatcher } from './globs';
import type { GitFile, GitFileGlobbing, GitReader } from './types';

/** Reads git generator input from a map of repository-relative paths to contents. @public */
export class InMemoryGitReader implements GitReader {
  /** Every call made, as `method repoURL@revision glob`, in order. */
  readonly calls: string[] = [];

  constructor(
    private readonly files: Record<string, string>,
    private readonly gitFileGlobbing: GitFileGlobbing = 'legacy',
  ) {}

  async listDirectories(
    repoURL: string,
    revision: string,
    pathGlob: string,
  ): Promise<string[]> {
    this.calls.push(`listDirectories ${repoURL}@${revision} ${pathGlob}`);
    const dirs = new Set<string>();
    for (const file of Object.keys(this.files)) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++)
        dirs.add(parts.slice(0, i).join('/'));
    }
    const match = directoryMatcher(pathGlob);
    return [...dirs].filter(d => match(d)).sort();
  }

  async readFiles(
    repoURL: string,
    revision: string,
    pathGlob: string,
  ): Promise<GitFile[]> {
    this.calls.push(`readFiles ${repoURL}@${revision} ${pathGlob}`);
    const match = fileMatcher(pathGlob, this.gitFileGlobbing);
    return Object.keys(this.files)
      .filter(f => match(f))
      .sort()
      .map(path => ({ path, content: this.files[path] }));
  }
}
