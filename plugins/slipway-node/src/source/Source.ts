/**
 * The source port of the engine: Git repositories read at a commit.
 * `GitSource` is the production adapter; tests and the reconciler may swap it.
 */

/** A `targetRevision` resolved to a commit. */
export interface ResolvedRevision {
  /** The repository URL as given (credentials in it are never echoed back by errors). */
  repoURL: string;
  /** The revision as requested (`''` means `HEAD`). */
  targetRevision: string;
  /** Full commit SHA. */
  commit: string;
  /** The full ref that matched (`refs/heads/main`, `refs/tags/v1`, `HEAD`), absent for SHAs. */
  ref?: string;
}

/** Who made a commit, when and why (Argo CD's revision metadata). */
export interface CommitDetails {
  /** Full commit SHA. */
  sha: string;
  /** `Name <email>` of the author. */
  author: string;
  /** The whole commit message, without trailing whitespace. */
  message: string;
  /** When the author made the commit, ISO 8601 in UTC. */
  date: string;
}

/** One entry of a tree at a commit. */
export interface TreeEntry {
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'submodule';
  /** Git file mode, e.g. `100644`, `100755`, `120000`. */
  mode: string;
}

/** A read-only working copy of one commit on disk, for tools that need a file system. */
export interface Checkout {
  /** Real path (symlinks resolved) of the repository root of the checkout. */
  dir: string;
  commit: string;
  /**
   * Symlinks of the commit that resolve outside the repository root (or do not
   * resolve). They are not materialised; renderers refuse to render a commit
   * that has any, like Argo CD does.
   */
  refusedSymlinks: string[];
}

export interface SourceCallOptions {
  signal?: AbortSignal;
  /**
   * A recent answer will do (periodic refreshes): the source may reuse a ref
   * listing made a moment ago. Absent for pushes, user refreshes and syncs,
   * which must see the remote as it is now.
   */
  acceptRecent?: boolean;
  /**
   * Any listing asked for after this moment (ms since the epoch) will do:
   * the moment the caller learned the remote may have changed, e.g. when a
   * push webhook arrived. A thousand applications refreshed for one push
   * then share a listing instead of asking one after the other. Absent:
   * a listing asked for after this call.
   */
  listedAfter?: number;
}

/** Reads Git repositories. */
export interface Source {
  /** Resolves a branch, tag, full/short commit SHA, `HEAD` or `''` to a commit. */
  resolveRevision(
    repoURL: string,
    targetRevision?: string,
    options?: SourceCallOptions,
  ): Promise<ResolvedRevision>;

  /** Lists the tree at `commit` below `dir` (default: the whole repository), recursively. */
  listFiles(repoURL: string, commit: string, dir?: string): Promise<TreeEntry[]>;

  /**
   * Reads a file at `commit`. Symlinks are followed inside the repository;
   * a path or symlink that leaves the repository is refused.
   */
  readFile(repoURL: string, commit: string, filePath: string): Promise<Buffer>;

  /** Author, message and date of `commit`, read from the repository (no network). */
  commitDetails(repoURL: string, commit: string): Promise<CommitDetails>;

  /** Materialises `commit` into a read-only folder shared by all callers. */
  checkout(repoURL: string, commit: string): Promise<Checkout>;

  /** Paths of the files that differ between two commits (`git diff --name-only`); optional. */
  changedFiles?(repoURL: string, from: string, to: string): Promise<string[]>;
}

/** Why a source operation failed. */
export type SourceErrorReason =
  | 'auth'
  | 'not-found'
  | 'revision-not-found'
  | 'invalid-url'
  | 'path-outside-repository'
  | 'limit-exceeded'
  | 'network'
  | 'unknown';

/** An error of the source port; its message never contains credentials. */
export class SourceError extends Error {
  readonly reason: SourceErrorReason;

  constructor(reason: SourceErrorReason, message: string) {
    super(message);
    this.name = 'SourceError';
    this.reason = reason;
  }
}
