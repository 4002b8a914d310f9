import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';

/** Content of one file in a commit; `null` deletes the file. */
export type FileChange = string | Uint8Array | null;

/** Who made a commit. */
export interface CommitAuthor {
  name: string;
  email: string;
}

export interface WriteCommitOptions {
  branch: string;
  message: string;
  author?: CommitAuthor;
  /** Commit time; defaults to now. */
  date?: Date;
}

export const DEFAULT_AUTHOR: CommitAuthor = {
  name: 'Slipway Test',
  email: 'test@slipway.invalid',
};

interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/**
 * Writes commits, branches and tags straight into a bare repository with
 * isomorphic-git (no working tree, no child processes), which is what makes
 * test fixtures cheap. To clients of the server the result looks exactly like
 * a push by someone else.
 */
export class BareRepoWriter {
  constructor(private readonly gitdir: string) {}

  /**
   * Applies `files` on top of the tip of `branch` (or on an empty tree when the
   * branch does not exist yet), commits and moves the branch. Returns the new
   * commit SHA.
   */
  async commit(files: Record<string, FileChange>, options: WriteCommitOptions): Promise<string> {
    const changes = new Map<string, FileChange>();
    for (const [rawPath, content] of Object.entries(files)) {
      changes.set(normalizeFilePath(rawPath), content);
    }
    const ref = `refs/heads/${options.branch}`;
    const parent = await this.tryResolve(ref);
    const parentTree = parent
      ? (await git.readCommit({ fs, gitdir: this.gitdir, oid: parent })).commit.tree
      : undefined;
    const tree = (await this.applyToTree(parentTree, changes)) ?? (await this.writeTree([]));
    const author = options.author ?? DEFAULT_AUTHOR;
    const when = options.date ?? new Date();
    const person = {
      name: author.name,
      email: author.email,
      timestamp: Math.floor(when.getTime() / 1000),
      timezoneOffset: 0,
    };
    const oid = await git.writeCommit({
      fs,
      gitdir: this.gitdir,
      commit: {
        message: options.message.endsWith('\n') ? options.message : `${options.message}\n`,
        tree,
        parent: parent ? [parent] : [],
        author: person,
        committer: person,
      },
    });
    await this.writeRef(ref, oid);
    return oid;
  }

  /** Creates or moves `refs/heads/<branch>` to the commit `from` names. */
  async branch(branch: string, from: string): Promise<string> {
    const oid = await this.resolveCommit(from);
    await this.writeRef(`refs/heads/${branch}`, oid);
    return oid;
  }

  /**
   * Creates `refs/tags/<tag>` pointing at the commit `ref` names: a lightweight
   * tag, or an annotated tag object when a message is given. Returns the
   * tagged commit SHA.
   */
  async tag(tag: string, ref: string, message?: string): Promise<string> {
    const oid = await this.resolveCommit(ref);
    if (message === undefined) {
      await this.writeRef(`refs/tags/${tag}`, oid);
    } else {
      const tagOid = await git.writeTag({
        fs,
        gitdir: this.gitdir,
        tag: {
          object: oid,
          type: 'commit',
          tag,
          tagger: { ...DEFAULT_AUTHOR, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: 0 },
          message: message.endsWith('\n') ? message : `${message}\n`,
        },
      });
      await this.writeRef(`refs/tags/${tag}`, tagOid);
    }
    return oid;
  }

  /**
   * Points a ref at an object the way git does: the new value goes to
   * `<ref>.lock`, which is renamed over the ref. isomorphic-git's writeRef
   * truncates and rewrites the ref file in place, and a listing served in
   * between advertised the branch at the null SHA, which no Git server does.
   */
  private async writeRef(ref: string, oid: string): Promise<void> {
    const file = path.join(this.gitdir, ...ref.split('/'));
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(`${file}.lock`, `${oid}\n`);
    await fs.promises.rename(`${file}.lock`, file);
  }

  /**
   * Resolves a branch, tag, full ref, `HEAD` or a full SHA to a commit SHA
   * (annotated tags are peeled). Throws a clear error when nothing matches.
   */
  async resolveCommit(ref: string): Promise<string> {
    let oid: string | undefined;
    if (/^[0-9a-f]{40}$/i.test(ref)) {
      oid = ref.toLowerCase();
    } else {
      oid = await this.tryResolve(ref);
    }
    if (!oid) {
      throw new Error(
        `GitTestServer: "${ref}" is not a branch, tag or commit of repository ${this.gitdir}`,
      );
    }
    for (let depth = 0; depth < 10; depth++) {
      const object = await git.readObject({ fs, gitdir: this.gitdir, oid });
      if (object.type !== 'tag') {
        return oid;
      }
      const parsed = await git.readTag({ fs, gitdir: this.gitdir, oid });
      oid = parsed.tag.object;
    }
    return oid;
  }

  private async tryResolve(ref: string): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref });
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
  }

  /** Returns the new tree oid, or undefined when the tree ends up empty. */
  private async applyToTree(
    treeOid: string | undefined,
    changes: Map<string, FileChange>,
  ): Promise<string | undefined> {
    const entries = new Map<string, TreeEntry>();
    if (treeOid) {
      const { tree } = await git.readTree({ fs, gitdir: this.gitdir, oid: treeOid });
      for (const entry of tree) {
        entries.set(entry.path, entry);
      }
    }

    const nested = new Map<string, Map<string, FileChange>>();
    for (const [filePath, content] of changes) {
      const slash = filePath.indexOf('/');
      if (slash < 0) {
        if (content === null) {
          entries.delete(filePath);
        } else {
          const blob = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
          const oid = await git.writeBlob({ fs, gitdir: this.gitdir, blob });
          entries.set(filePath, { mode: '100644', path: filePath, oid, type: 'blob' });
        }
        continue;
      }
      const dir = filePath.slice(0, slash);
      const inner = nested.get(dir) ?? new Map<string, FileChange>();
      inner.set(filePath.slice(slash + 1), content);
      nested.set(dir, inner);
    }

    for (const [dir, inner] of nested) {
      const existing = entries.get(dir);
      const subtree = existing?.type === 'tree' ? existing.oid : undefined;
      const oid = await this.applyToTree(subtree, inner);
      if (oid === undefined) {
        entries.delete(dir);
      } else {
        entries.set(dir, { mode: '040000', path: dir, oid, type: 'tree' });
      }
    }

    if (entries.size === 0) {
      return undefined;
    }
    return this.writeTree([...entries.values()]);
  }

  private writeTree(tree: TreeEntry[]): Promise<string> {
    return git.writeTree({ fs, gitdir: this.gitdir, tree });
  }
}

/** Normalizes "./a//b.yaml" to "a/b.yaml"; rejects paths that leave the tree. */
export function normalizeFilePath(rawPath: string): string {
  const segments = rawPath
    .replace(/\\/g, '/')
    .split('/')
    .filter(segment => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..') || segments.includes('.git')) {
    throw new Error(
      `GitTestServer: invalid file path "${rawPath}"; use a relative path inside the repository without ".." or ".git"`,
    );
  }
  return segments.join('/');
}
