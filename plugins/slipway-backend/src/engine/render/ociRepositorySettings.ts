import type {
  BasicAuth,
  RepositoryCredential,
} from '@slipway/plugin-slipway-node';
import {
  hasOciScheme,
  withoutScheme,
  type OciChartReference,
} from './ociReference';

/** How to reach one OCI repository, from `slipway.repositories`. */
export interface OciRegistryAccess {
  /** Credentials for the registry; undefined: anonymous. */
  auth?: BasicAuth;
  /** `insecureOCIForceHttp`: plain HTTP instead of HTTPS. */
  plainHttp: boolean;
}

interface Entry {
  /** `host[:port]/path`, lower-cased. */
  prefix: string;
  auth?: BasicAuth;
  enableOCI?: boolean;
  plainHttp?: boolean;
}

/** An entry's credentials, read like CredentialStore reads them; undefined when it sets none. */
function authOf(r: RepositoryCredential): BasicAuth | undefined {
  if (r.token) {
    return { username: r.username || 'x-access-token', password: r.token };
  }
  if (r.username || r.password) {
    return { username: r.username ?? '', password: r.password ?? '' };
  }
  return undefined;
}

/** Does `location` lie at or under `prefix` (both `host[:port]/path`)? */
function under(location: string, prefix: string): boolean {
  return location === prefix || location.startsWith(`${prefix}/`);
}

/**
 * Reads the OCI settings of `slipway.repositories` entries (Argo CD's
 * repository fields): credentials, `enableOCI` (a `repoURL` without scheme
 * under the entry's URL names an OCI registry) and `insecureOCIForceHttp`.
 * Entry URLs match with or without `oci://`/`https://`, at path boundaries;
 * each setting comes from the longest matching entry that sets it, so one
 * entry can set plain HTTP for a registry and another the credentials of a
 * path in it.
 */
export class OciRepositorySettings {
  private readonly entries: Entry[];

  constructor(repositories: RepositoryCredential[] = []) {
    this.entries = repositories
      .filter(r => typeof r.url === 'string' && r.url.trim() !== '')
      .map(r => ({
        prefix: withoutScheme(r.url).toLowerCase(),
        auth: authOf(r),
        enableOCI: r.enableOCI,
        plainHttp: r.insecureOCIForceHttp,
      }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /**
   * Is `repoURL` an OCI registry location: `oci://…`, or a URL without
   * scheme under an entry with `enableOCI: true`?
   */
  isOciRepoURL(repoURL: string): boolean {
    if (hasOciScheme(repoURL)) return true;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repoURL.trim())) return false;
    const location = withoutScheme(repoURL).toLowerCase();
    return this.entries.some(
      e => e.enableOCI === true && under(location, e.prefix),
    );
  }

  /** Credentials and transport for an OCI repository. */
  accessFor(
    ref: Pick<OciChartReference, 'registry' | 'repository'>,
  ): OciRegistryAccess {
    const location = `${ref.registry}/${ref.repository}`.toLowerCase();
    const matching = this.entries.filter(e => under(location, e.prefix));
    return {
      auth: matching.find(e => e.auth)?.auth,
      plainHttp:
        matching.find(e => e.plainHttp !== undefined)?.plainHttp === true,
    };
  }

  /** Every configured password and token, for redaction. */
  secrets(): string[] {
    return this.entries.map(e => e.auth?.password ?? '').filter(p => p !== '');
  }
}
