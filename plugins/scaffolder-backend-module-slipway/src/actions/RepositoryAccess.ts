import type { Config } from '@backstage/config';
import {
  CredentialStore,
  findRepositoryLocalPath,
  readRepositoryCredentials,
  readRepositoryLocalPaths,
} from '@slipway/plugin-slipway-node';
import type { BasicAuth, RepositoryLocalPath } from '@slipway/plugin-slipway-node';

/**
 * What the actions may know about a GitOps repository, all from
 * configuration (never from template input): credentials from
 * `slipway.repositories` and the Backstage `integrations`, and the local
 * folders of `slipway.repositories[].localPath`.
 */
export class RepositoryAccess {
  private constructor(
    private readonly credentials: CredentialStore,
    readonly localPaths: RepositoryLocalPath[],
  ) {}

  static fromConfig(config: Config): RepositoryAccess {
    return new RepositoryAccess(
      new CredentialStore(readRepositoryCredentials(config)),
      readRepositoryLocalPaths(config),
    );
  }

  /** Credentials for a repository URL, or undefined for anonymous access. */
  authFor(repoURL: string): BasicAuth | undefined {
    return this.credentials.find(repoURL);
  }

  /** The configured local folder of a repository URL, if any. */
  localPathOf(repoURL: string): RepositoryLocalPath | undefined {
    return findRepositoryLocalPath(this.localPaths, repoURL);
  }
}
