/**
 * Browsable links to a commit on the common Git hosts. Pure: the link is
 * derived from the repository URL only, never fetched.
 */

type Style = 'github' | 'gitlab' | 'bitbucket' | 'gitea';

/** Hosts whose web UI is known; self-hosted instances match by name (gitlab.example.com). */
const KNOWN_HOSTS: Record<string, Style> = {
  'github.com': 'github',
  'gitlab.com': 'gitlab',
  'bitbucket.org': 'bitbucket',
  'gitea.com': 'gitea',
  'codeberg.org': 'gitea',
};

const COMMIT_PATH: Record<Style, string> = {
  github: 'commit',
  gitlab: '-/commit',
  bitbucket: 'commits',
  gitea: 'commit',
};

function styleOf(host: string): Style | undefined {
  const known = KNOWN_HOSTS[host];
  if (known) return known;
  // Self-hosted GitHub Enterprise, GitLab and Gitea instances usually carry the product in their name.
  const first = host.split('.')[0];
  if (first === 'github') return 'github';
  if (first === 'gitlab') return 'gitlab';
  if (first === 'gitea') return 'gitea';
  return undefined;
}

/** Host and repository path of an https, http, ssh or scp-style (`git@host:org/repo`) URL. */
function hostAndPath(repoURL: string): { host: string; path: string } | undefined {
  const trimmed = repoURL.trim();
  const scp = /^(?:[^@/:\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/.exec(trimmed);
  if (scp && !trimmed.includes('://')) {
    return { host: scp[1], path: scp[2] };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git+ssh:', 'git:'].includes(url.protocol)) return undefined;
  return { host: url.hostname, path: decodeURIComponent(url.pathname) };
}

/**
 * An https link to `sha` in the web UI of the repository's host (GitHub,
 * GitLab, Bitbucket, Gitea and Codeberg, and self-hosted instances named
 * after them); undefined for other hosts, local repositories and anything
 * that is not a commit SHA.
 */
export function commitUrl(repoURL: string | undefined, sha: string): string | undefined {
  if (!repoURL || !/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  const parsed = hostAndPath(repoURL);
  if (!parsed) return undefined;
  const host = parsed.host.toLowerCase();
  const style = styleOf(host);
  if (!style) return undefined;
  const segments = parsed.path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter(s => s !== '');
  // an owner and a repository at least (GitLab allows nested groups); no climbing out of the path
  if (segments.length < 2 || segments.some(s => s === '.' || s === '..')) return undefined;
  if (style !== 'gitlab' && segments.length !== 2) return undefined;
  const repoPath = segments.map(encodeURIComponent).join('/');
  return `https://${host}/${repoPath}/${COMMIT_PATH[style]}/${sha.toLowerCase()}`;
}
