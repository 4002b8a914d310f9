import {
  findRepositoryLocalPath,
  isGitRepositoryRoot,
  WorkingTreeGitReader,
  type GitFile,
  type GitFileGlobbing,
  type GitReader,
  type RepositoryLocalPath,
} from '@slipway/plugin-slipway-node';

/** Options of a CatalogGitReader. */
export interface CatalogGitReaderOptions {
  /** Reads repositories through the Git source (remote ones, and local folders that are repositories). */
  source: GitReader;
  /** `slipway.repositories[].localPath` entries. */
  localPaths?: RepositoryLocalPath[];
  gitFileGlobbing?: GitFileGlobbing;
}

/**
 * The ApplicationSet git generators' reader for the catalog. A repository
 * URL with a configured `localPath` that is a Git repository of its own is
 * read through the Git source at the requested revision, like any other. A
 * `localPath` that is only a folder (e.g. `examples/gitops` inside this
 * project's checkout, or a copy without `.git`) is read as a working tree:
 * every revision reads the files as they are on disk, uncommitted edits
 * included.
 */
export class CatalogGitReader implements GitReader {
  private readonly workingTrees = new Map<string, WorkingTreeGitReader>();

  constructor(private readonly options: CatalogGitReaderOptions) {}

  private readerFor(repoURL: string): GitReader {
    const mapped = findRepositoryLocalPath(this.options.localPaths ?? [], repoURL);
    if (!mapped || isGitRepositoryRoot(mapped.localPath)) {
      return this.options.source;
    }
    let reader = this.workingTrees.get(mapped.localPath);
    if (!reader) {
      reader = new WorkingTreeGitReader(mapped.localPath, {
        gitFileGlobbing: this.options.gitFileGlobbing,
      });
      this.workingTrees.set(mapped.localPath, reader);
    }
    return reader;
  }

  listDirectories(repoURL: string, revision: string, pathGlob: string): Promise<string[]> {
    return this.readerFor(repoURL).listDirectories(repoURL, revision, pathGlob);
  }

  readFiles(repoURL: string, revision: string, pathGlob: string): Promise<GitFile[]> {
    return this.readerFor(repoURL).readFiles(repoURL, revision, pathGlob);
  }
}
