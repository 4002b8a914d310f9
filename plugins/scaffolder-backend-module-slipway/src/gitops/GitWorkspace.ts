import { ConflictError, InputError } from '@backstage/errors';
import type { BasicAuth } from '@slipway/plugin-slipway-node';
import { redactText, redactUrl } from '@slipway/plugin-slipway-node';
import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { Workspace } from './Workspace';
import { workingTreeChanges } from './workingTreeChanges';

/** One file a commit adds, changes or deletes. */
export interface FileChange {
  /** Repository-relative POSIX path. */
  path: string;
  action: 'create' | 'modify' | 'delete';
}

/** Who a commit is by. */
export interface CommitAuthor {
  name: string;
  email: string;
}

/** Options to clone a repository into a working folder. */
export interface GitWorkspaceOptions {
  /** Clone URL, without credentials. */
  url: string;
  /** Empty folder to clone into. */
  dir: string;
  /** Credentials from configuration (never from template input). */
  auth?: BasicAuth;
}

/**
 * A clone of a GitOps repository's default branch in a temporary folder:
 * the actions change files here, list what changed, and commit and push.
 * Nothing reaches the remote before `commitAndPush`.
 */
export class GitWorkspace implements Workspace {
  private constructor(
    readonly url: string,
    readonly dir: string,
    /** The remote's default branch, cloned. */
    readonly defaultBranch: string,
    /** The commit the clone started from. */
    readonly baseCommit: string,
    private readonly auth: BasicAuth | undefined,
  ) {}

  static async clone(options: GitWorkspaceOptions): Promise<GitWorkspace> {
    const { url, dir, auth } = options;
    const callbacks = authCallbacks(auth);
    try {
      await git.clone({ fs, http, dir, url, singleBranch: true, depth: 1, ...callbacks });
      const branch = await git.currentBranch({ fs, dir });
      if (!branch) {
        throw new InputError(`repository ${redactUrl(url)} has no default branch to start from`);
      }
      const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
      return new GitWorkspace(url, dir, branch, head, auth);
    } catch (e) {
      throw gitError(e, `cloning ${redactUrl(url)}`, auth);
    }
  }

  /** Whether the remote has a branch of this name. */
  async remoteHasBranch(branch: string): Promise<boolean> {
    try {
      const refs = await git.listServerRefs({
        http,
        url: this.url,
        prefix: `refs/heads/${branch}`,
        ...authCallbacks(this.auth),
      });
      return refs.some(r => r.ref === `refs/heads/${branch}`);
    } catch (e) {
      throw gitError(e, `listing branches of ${redactUrl(this.url)}`, this.auth);
    }
  }

  /** Files changed in the working tree since the clone (untracked ones included), sorted by path. */
  changes(): Promise<FileChange[]> {
    return workingTreeChanges(this.dir);
  }

  /**
   * Commits every change of the working tree on `branch` (the default branch,
   * or a new branch started at the cloned commit) and pushes it. Returns the
   * commit SHA. A push the remote rejects (someone pushed meanwhile) fails
   * with a ConflictError and changes nothing.
   */
  async commitAndPush(options: {
    branch: string;
    message: string;
    author: CommitAuthor;
  }): Promise<string> {
    const { branch, message, author } = options;
    const changes = await this.changes();
    if (changes.length === 0) {
      throw new InputError('nothing to commit: the change would leave the repository as it is');
    }
    for (const change of changes) {
      if (change.action === 'delete') {
        await git.remove({ fs, dir: this.dir, filepath: change.path });
      } else {
        await git.add({ fs, dir: this.dir, filepath: change.path });
      }
    }
    if (branch !== this.defaultBranch) {
      await git.branch({ fs, dir: this.dir, ref: branch, checkout: true });
    }
    const sha = await git.commit({
      fs,
      dir: this.dir,
      message,
      author: { ...author, timestamp: Math.floor(Date.now() / 1000) },
    });
    let result;
    try {
      result = await git.push({
        fs,
        http,
        dir: this.dir,
        url: this.url,
        ref: branch,
        remoteRef: `refs/heads/${branch}`,
        ...authCallbacks(this.auth),
      });
    } catch (e) {
      throw gitError(e, `pushing to ${redactUrl(this.url)} (branch ${branch})`, this.auth);
    }
    const refResult = result.refs?.[`refs/heads/${branch}`];
    if (!result.ok || (refResult && !refResult.ok)) {
      throw new ConflictError(
        `the Git server refused the push to branch '${branch}' of ${redactUrl(this.url)}: ` +
          `${refResult?.error ?? result.error ?? 'rejected'}; run the template again to start from the new commit`,
      );
    }
    return sha;
  }
}

function authCallbacks(auth: BasicAuth | undefined) {
  return {
    onAuth: () => (auth ? { username: auth.username, password: auth.password } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

interface GitLikeError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; reason?: string };
}

/** A git failure as an error naming the repository and what to do, without credentials. */
function gitError(error: unknown, doing: string, auth: BasicAuth | undefined): Error {
  if (error instanceof InputError || error instanceof ConflictError) return error;
  const e = (error ?? {}) as GitLikeError;
  const secrets = auth?.password ? [auth.password] : [];
  const status = e.data?.statusCode;
  if (e.code === 'UserCanceledError' || status === 401 || status === 403) {
    return new InputError(
      `${doing} failed: authentication refused${status ? ` (HTTP ${status})` : ''}; ` +
        'configure credentials for this URL under slipway.repositories or integrations',
    );
  }
  if (e.code === 'PushRejectedError') {
    return new ConflictError(
      `${doing} failed: the server rejected the push (${e.data?.reason ?? 'not a fast-forward'}); run the template again`,
    );
  }
  if (status === 404) {
    return new InputError(`${doing} failed: the repository was not found (HTTP 404); check the URL`);
  }
  return new Error(`${doing} failed: ${redactText(String(e.message ?? error), secrets)}`);
}
