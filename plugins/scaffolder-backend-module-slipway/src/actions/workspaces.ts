import { InputError } from '@backstage/errors';
import { isGitRepositoryRoot, redactUrl } from '@slipway/plugin-slipway-node';
import { GitWorkspace } from '../gitops/GitWorkspace';
import { LocalFolderWorkspace } from '../gitops/LocalFolderWorkspace';
import { LocalRepositoryWorkspace } from '../gitops/LocalRepositoryWorkspace';
import type { Workspace } from '../gitops/Workspace';
import type { RepositoryAccess } from './RepositoryAccess';

/**
 * Opens a working copy of a repository in `dir`: a clone over HTTP(S) with
 * the configured credentials, or, for a repository configured with a local
 * folder, a copy of that Git repository (committed to) or plain folder
 * (written to).
 */
export async function openWorkspace(access: RepositoryAccess, repoURL: string, dir: string): Promise<Workspace> {
  const local = access.localPathOf(repoURL);
  if (local) {
    return isGitRepositoryRoot(local.localPath)
      ? LocalRepositoryWorkspace.open(local.localPath, dir)
      : LocalFolderWorkspace.open(local.localPath, dir);
  }
  if (!/^https?:\/\//i.test(repoURL)) {
    throw new InputError(
      `repository URL '${redactUrl(repoURL)}' is not an HTTP(S) URL; the actions clone and push over HTTP(S)`,
    );
  }
  return GitWorkspace.clone({ url: repoURL, dir, auth: access.authFor(repoURL) });
}
