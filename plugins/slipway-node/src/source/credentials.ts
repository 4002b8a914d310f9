import type { Config } from '@backstage/config';

/**
 * Credentials for repositories whose URL starts with `url` (Git or Helm
 * repositories). Either `username` + `password`, or a `token` (sent as the
 * password of basic auth, with `username` defaulting to `x-access-token`,
 * which GitHub, GitLab, Gitea and Bitbucket accept).
 */
export interface RepositoryCredential {
  /** URL prefix, e.g. `https://github.com/acme/` or a full repository URL. */
  url: string;
  username?: string;
  password?: string;
  token?: string;
  /** Argo CD's `enableOCI`: a chart `repoURL` without scheme under `url` names an OCI registry. */
  enableOCI?: boolean;
  /** Argo CD's `insecureOCIForceHttp`: OCI registries under `url` speak plain HTTP. */
  insecureOCIForceHttp?: boolean;
}

/** Basic-auth credentials as sent on the wire. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** A repository URL without user info, query, fragment, trailing `/` and `.git`, lower-cased, for comparisons. */
export function normalizeRepoUrl(url: string): string {
  let out = url.trim();
  try {
    const parsed = new URL(out);
    parsed.username = '';
    parsed.password = '';
    parsed.hash = '';
    parsed.search = '';
    out = parsed.toString();
  } catch {
    // not a URL (e.g. scp-like syntax): compare as given
  }
  return out.replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
}

/** Is `prefix` a prefix of `url` that ends at a path boundary? */
function matchesPrefix(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) {
    return false;
  }
  return url.length === prefix.length || url[prefix.length] === '/' || prefix.endsWith('/');
}

/**
 * Finds the credentials for a repository URL: the configured entry with the
 * longest matching URL prefix wins.
 */
export class CredentialStore {
  private readonly entries: Array<{ prefix: string; auth: BasicAuth }>;

  constructor(credentials: RepositoryCredential[] = []) {
    // entries without credentials (only a local folder or OCI settings) must not hide broader ones
    this.entries = credentials
      .filter(c => typeof c.url === 'string' && c.url.trim() !== '')
      .filter(c => Boolean(c.username || c.password || c.token))
      .map(c => ({
        prefix: normalizeRepoUrl(c.url),
        auth: c.token
          ? { username: c.username || 'x-access-token', password: c.token }
          : { username: c.username ?? '', password: c.password ?? '' },
      }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Credentials for `url`, or undefined when none is configured. */
  find(url: string): BasicAuth | undefined {
    const normalized = normalizeRepoUrl(url);
    return this.entries.find(e => matchesPrefix(normalized, e.prefix))?.auth;
  }

  /** Every secret value, for redaction. */
  secrets(): string[] {
    return this.entries.map(e => e.auth.password).filter(p => p !== '');
  }
}

/**
 * Reads repository credentials from configuration: `slipway.repositories[]`
 * (`url`, `username`, `password` or `token`) and the Backstage
 * `integrations.github[]` / `integrations.gitlab[]` tokens.
 */
export function readRepositoryCredentials(config: Config): RepositoryCredential[] {
  const out: RepositoryCredential[] = [];
  for (const entry of config.getOptionalConfigArray('slipway.repositories') ?? []) {
    out.push({
      url: entry.getString('url'),
      username: entry.getOptionalString('username'),
      password: entry.getOptionalString('password'),
      token: entry.getOptionalString('token'),
      enableOCI: entry.getOptionalBoolean('enableOCI'),
      insecureOCIForceHttp: entry.getOptionalBoolean('insecureOCIForceHttp'),
    });
  }
  for (const [kind, username] of [
    ['github', 'x-access-token'],
    ['gitlab', 'oauth2'],
  ] as const) {
    for (const entry of config.getOptionalConfigArray(`integrations.${kind}`) ?? []) {
      const token = entry.getOptionalString('token');
      if (!token) {
        continue;
      }
      const host = entry.getOptionalString('host') ?? `${kind}.com`;
      out.push({ url: `https://${host}/`, username, token });
    }
  }
  return out;
}
