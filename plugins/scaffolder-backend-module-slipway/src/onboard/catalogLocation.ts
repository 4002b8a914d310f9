import type { ScmIntegrationRegistry } from '@backstage/integration';
import path from 'node:path';
import type { RepositoryAccess } from '../actions/RepositoryAccess';

/**
 * The catalog location of a file in a GitOps repository: a `file` location
 * for a repository served from a local folder, or the file's page on a
 * GitHub, GitLab or Gitea host the Backstage integrations know (the catalog
 * reads those through its URL readers). Undefined for other hosts.
 */
export function catalogLocationOf(
  repoURL: string,
  branch: string,
  filePath: string,
  options: { access: RepositoryAccess; integrations: ScmIntegrationRegistry },
): { type: 'file' | 'url'; target: string } | undefined {
  const local = options.access.localPathOf(repoURL);
  if (local) return { type: 'file', target: path.join(local.localPath, ...filePath.split('/')) };
  const base = repoURL.replace(/\/+$/, '').replace(/\.git$/, '');
  const file = filePath.split('/').map(encodeURIComponent).join('/');
  switch (options.integrations.byUrl(repoURL)?.type) {
    case 'github':
      return { type: 'url', target: `${base}/blob/${encodeURIComponent(branch)}/${file}` };
    case 'gitlab':
      return { type: 'url', target: `${base}/-/blob/${encodeURIComponent(branch)}/${file}` };
    case 'gitea':
      return { type: 'url', target: `${base}/src/branch/${encodeURIComponent(branch)}/${file}` };
    default:
      return undefined;
  }
}
