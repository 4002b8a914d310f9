import crypto from 'node:crypto';

/** What the portal answered to a push webhook. */
export interface WebhookAnswer {
  refreshed: string[];
  message: string;
}

/**
 * Tells the portal about a push as GitHub does: a `push` event for
 * `refs/heads/<branch>` of `repoURL`, signed with the webhook secret
 * (`X-Hub-Signature-256`). Fails unless the portal accepted it.
 */
export async function sendGitHubPush(options: {
  baseUrl: string;
  secret: string;
  repoURL: string;
  branch: string;
  after: string;
}): Promise<WebhookAnswer> {
  const body = JSON.stringify({
    ref: `refs/heads/${options.branch}`,
    after: options.after,
    repository: { clone_url: options.repoURL, html_url: options.repoURL.replace(/\.git$/, '') },
  });
  const signature = crypto.createHmac('sha256', options.secret).update(body).digest('hex');
  const response = await fetch(`${options.baseUrl}/api/slipway/webhooks/git`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'push',
      'X-Hub-Signature-256': `sha256=${signature}`,
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`the push webhook was refused with ${response.status}: ${text}`);
  }
  return JSON.parse(text) as WebhookAnswer;
}
