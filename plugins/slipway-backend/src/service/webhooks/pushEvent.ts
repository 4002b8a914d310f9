import { InputError } from '@backstage/errors';
import type { GitProvider } from './verifySignature';

/** What a webhook asks of Slipway. */
export type WebhookEvent =
  | {
      type: 'push';
      repoURLs: string[];
      refs: string[];
      /** Files the pushed commits added, changed or removed; absent when the payload does not list them all. */
      changedFiles?: string[];
    }
  | { type: 'ping' }
  | { type: 'ignored'; event: string };

type Json = Record<string, any>;

const strings = (...values: unknown[]): string[] =>
  Array.from(new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== '')));

/** `refs/heads/main` → `main`, `refs/tags/v1` → `v1`: what an Application's targetRevision names. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

/**
 * The files of a push's commits (`added`, `modified`, `removed`), as Argo CD
 * reads GitHub, Gitea and GitLab payloads. Undefined when the payload lists
 * no commit or no file, or may have left some out: GitHub and GitLab list at
 * most 20 commits.
 */
function changedFilesOf(commits: unknown, total?: unknown): { changedFiles?: string[] } {
  if (!Array.isArray(commits) || commits.length === 0 || commits.length >= 20) return {};
  if (typeof total === 'number' && total > commits.length) return {};
  const files = commits.flatMap((c: Json) => ['added', 'modified', 'removed'].flatMap(k => (Array.isArray(c?.[k]) ? c[k] : [])));
  const changedFiles = strings(...files);
  return changedFiles.length > 0 ? { changedFiles } : {};
}

function githubLike(body: Json): WebhookEvent {
  const repo = body.repository ?? {};
  return {
    type: 'push',
    repoURLs: strings(repo.clone_url, repo.html_url, repo.ssh_url, repo.git_url, repo.url),
    refs: strings(typeof body.ref === 'string' ? shortRef(body.ref) : undefined),
    ...changedFilesOf(body.commits),
  };
}

function gitlab(body: Json): WebhookEvent {
  const project = body.project ?? {};
  const repo = body.repository ?? {};
  return {
    type: 'push',
    repoURLs: strings(project.git_http_url, project.git_ssh_url, project.web_url, repo.git_http_url, repo.git_ssh_url, repo.homepage),
    refs: strings(typeof body.ref === 'string' ? shortRef(body.ref) : undefined),
    ...changedFilesOf(body.commits, body.total_commits_count),
  };
}

function bitbucket(event: string, body: Json): WebhookEvent {
  const repo = body.repository ?? {};
  const links = repo.links ?? {};
  const clone = Array.isArray(links.clone) ? links.clone.map((c: Json) => c?.href) : [];
  const html = Array.isArray(links.html) ? links.html.map((c: Json) => c?.href) : [links.html?.href];
  if (event === 'repo:push') {
    // Bitbucket Cloud: one change per pushed branch or tag
    const changes: Json[] = Array.isArray(body.push?.changes) ? body.push.changes : [];
    return {
      type: 'push',
      repoURLs: strings(...html, ...clone, repo.full_name ? `https://bitbucket.org/${repo.full_name}` : undefined),
      refs: strings(...changes.map(c => (c.new ?? c.old)?.name)),
    };
  }
  // Bitbucket Data Center: repo:refs_changed
  const changes: Json[] = Array.isArray(body.changes) ? body.changes : [];
  return {
    type: 'push',
    repoURLs: strings(...clone, ...html),
    refs: strings(...changes.map(c => c.ref?.displayId ?? (typeof c.refId === 'string' ? shortRef(c.refId) : undefined))),
  };
}

const PUSH_EVENTS: Record<GitProvider, string[]> = {
  github: ['push'],
  gitea: ['push'],
  gitlab: ['Push Hook', 'Tag Push Hook'],
  bitbucket: ['repo:push', 'repo:refs_changed'],
};

const PING_EVENTS = ['ping', 'diagnostics:ping'];

/** Reads a verified webhook body: pushes (repository URLs and pushed refs), pings, and anything else to ignore. */
export function parseWebhookEvent(provider: GitProvider, event: string, rawBody: Buffer): WebhookEvent {
  if (PING_EVENTS.includes(event)) return { type: 'ping' };
  if (!PUSH_EVENTS[provider].includes(event)) return { type: 'ignored', event };
  let body: Json;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new InputError(`The ${event} webhook body is not valid JSON; configure the webhook to send application/json`);
  }
  if (!body || typeof body !== 'object') {
    throw new InputError(`The ${event} webhook body must be a JSON object`);
  }
  let parsed: WebhookEvent;
  if (provider === 'gitlab') parsed = gitlab(body);
  else if (provider === 'bitbucket') parsed = bitbucket(event, body);
  else parsed = githubLike(body);
  if (parsed.type === 'push' && parsed.repoURLs.length === 0) {
    throw new InputError(`The ${event} webhook body names no repository URL; send the ${provider} push event payload unchanged`);
  }
  return parsed;
}
