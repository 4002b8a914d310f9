import { redactText } from './redact';
import { SourceError } from './Source';

interface GitLikeError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; statusMessage?: string };
}

/**
 * Turns an isomorphic-git or file-system error into a SourceError whose
 * message names the repository, says what to do, and holds no credentials.
 */
export function translateGitError(error: unknown, label: string, secrets: string[]): SourceError {
  if (error instanceof SourceError) {
    return new SourceError(error.reason, redactText(error.message, secrets));
  }
  const e = (error ?? {}) as GitLikeError;
  const detail = redactText(String(e.message ?? error), secrets);
  const status = e.data?.statusCode;
  if (e.code === 'UserCanceledError' || status === 401 || status === 403) {
    return new SourceError(
      'auth',
      `Authentication to ${label} failed${status ? ` (HTTP ${status})` : ''}; ` +
        'check the credentials configured for this URL under slipway.repositories',
    );
  }
  if (status === 404) {
    return new SourceError('not-found', `Repository ${label} was not found (HTTP 404); check repoURL`);
  }
  if (e.code === 'HttpError') {
    return new SourceError('network', `Git server of ${label} answered with an error: ${detail}`);
  }
  if (e.code === 'NotFoundError') {
    return new SourceError('revision-not-found', `Git object not found in ${label}: ${detail}`);
  }
  if (e.code && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH)$/.test(e.code)) {
    return new SourceError('network', `Cannot reach ${label} (${e.code}); check the URL and the network`);
  }
  return new SourceError('unknown', `Reading ${label} failed: ${detail}`);
}
