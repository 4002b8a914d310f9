import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Git hosts whose push webhooks Slipway accepts. */
export type GitProvider = 'github' | 'gitlab' | 'bitbucket' | 'gitea';

export const PROVIDER_NAMES: Record<GitProvider, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  gitea: 'Gitea',
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The provider that sent a webhook, from its event header. Gitea also sends
 * GitHub's headers, so it is recognised first.
 */
export function detectProvider(headers: IncomingHttpHeaders): GitProvider | undefined {
  if (header(headers, 'x-gitea-event')) return 'gitea';
  if (header(headers, 'x-github-event')) return 'github';
  if (header(headers, 'x-gitlab-event')) return 'gitlab';
  if (header(headers, 'x-event-key')) return 'bitbucket';
  return undefined;
}

/** The event name the provider gave, e.g. `push`, `Push Hook`, `repo:push`. */
export function eventName(provider: GitProvider, headers: IncomingHttpHeaders): string {
  const name = { github: 'x-github-event', gitlab: 'x-gitlab-event', bitbucket: 'x-event-key', gitea: 'x-gitea-event' }[provider];
  return header(headers, name) ?? '';
}

export type VerifyResult = { valid: true } | { valid: false; reason: string };

function equalHex(expectedHex: string, given: string): boolean {
  if (!/^[0-9a-f]+$/i.test(given) || given.length !== expectedHex.length) return false;
  return crypto.timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

/** Compares secrets in constant time whatever their lengths. */
function equalSecret(expected: string, given: string): boolean {
  const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
  return crypto.timingSafeEqual(digest(expected), digest(given));
}

/**
 * Checks that a webhook comes from a sender that knows the secret: an
 * HMAC-SHA256 of the raw body for GitHub (`X-Hub-Signature-256: sha256=…`),
 * Bitbucket (`X-Hub-Signature: sha256=…`) and Gitea (`X-Gitea-Signature: …`),
 * the secret token itself for GitLab (`X-Gitlab-Token`). Reasons never
 * contain the secret or the signature.
 */
export function verifySignature(
  provider: GitProvider,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  secret: string,
): VerifyResult {
  if (provider === 'gitlab') {
    const token = header(headers, 'x-gitlab-token');
    if (!token) return { valid: false, reason: 'the X-Gitlab-Token header is missing; set the Secret token of the webhook' };
    return equalSecret(secret, token) ? { valid: true } : { valid: false, reason: 'the X-Gitlab-Token does not match the configured secret' };
  }
  const name = { github: 'X-Hub-Signature-256', bitbucket: 'X-Hub-Signature', gitea: 'X-Gitea-Signature' }[provider];
  const value = header(headers, name.toLowerCase());
  if (!value) {
    return { valid: false, reason: `the ${name} header is missing; set the secret of the webhook in ${PROVIDER_NAMES[provider]}` };
  }
  let hex = value.trim();
  if (provider !== 'gitea') {
    if (!hex.startsWith('sha256=')) {
      return { valid: false, reason: `the ${name} header must be an HMAC-SHA256 signature (sha256=<hex>)` };
    }
    hex = hex.slice('sha256='.length);
  }
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  return equalHex(expected, hex)
    ? { valid: true }
    : { valid: false, reason: `the ${name} signature does not match the body signed with the configured secret` };
}
