import type { Config } from '@backstage/config';
import type { UserEntity } from '@backstage/catalog-model';
import type { CommitAuthor } from '../gitops/GitWorkspace';

/**
 * Who a commit is by: the user running the template (catalog profile), else
 * `scaffolder.defaultAuthor` as Backstage's publish actions use it, else a
 * neutral author naming Slipway.
 */
export function commitAuthor(config: Config, user?: UserEntity): CommitAuthor {
  const fallback = {
    name: config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Slipway',
    email: config.getOptionalString('scaffolder.defaultAuthor.email') ?? 'slipway@users.noreply.backstage.io',
  };
  if (!user) return fallback;
  return {
    name: user.spec?.profile?.displayName ?? user.metadata.name,
    email: user.spec?.profile?.email ?? fallback.email,
  };
}
