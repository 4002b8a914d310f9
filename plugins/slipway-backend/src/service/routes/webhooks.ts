import { AuthenticationError, InputError, NotAllowedError } from '@backstage/errors';
import express, { Router } from 'express';
import { audited } from '../access/audited';
import { parseWebhookEvent, WebhookEvent } from '../webhooks/pushEvent';
import type { WebhookSettings } from '../webhooks/readWebhookConfig';
import { detectProvider, eventName, PROVIDER_NAMES, verifySignature } from '../webhooks/verifySignature';
import type { RouteContext } from './RouteContext';

/** A URL as it may be repeated in an answer: user and password removed. */
function withoutUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** What the sender of a webhook is told. */
interface WebhookAnswer {
  provider: string;
  event: string;
  /** Applications whose refresh was queued. */
  refreshed: string[];
  message: string;
}

/**
 * POST /webhooks/git: push events from GitHub, GitLab, Bitbucket and Gitea.
 * The route is open at the HTTP auth level (Git hosts carry no Backstage
 * token); the provider's secret is the authentication, checked on the raw
 * body before anything is parsed.
 */
export function registerWebhookRoutes(router: Router, ctx: RouteContext, settings: WebhookSettings): void {
  const { engine, auditor } = ctx;

  const refresh = async (event: Extract<WebhookEvent, { type: 'push' }>): Promise<string[]> => {
    const refreshed = new Set<string>();
    const refs = event.refs.length > 0 ? event.refs : [undefined];
    for (const url of event.repoURLs) {
      for (const ref of refs) {
        for (const entityRef of await engine.refreshForPush(url, ref, event.changedFiles)) refreshed.add(entityRef);
      }
    }
    return [...refreshed].sort();
  };

  router.post(
    '/webhooks/git',
    express.raw({ type: () => true, limit: settings.maxBodyBytes }),
    async (req, res) => {
      const provider = detectProvider(req.headers);
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const event = provider ? eventName(provider, req.headers) : '';
      const answer = await audited<WebhookAnswer>(
        auditor,
        {
          eventId: 'webhook-push',
          request: req,
          severityLevel: 'low',
          meta: { provider: provider ?? 'unknown', event },
          resultMeta: a => ({ refreshed: a.refreshed }),
        },
        async () => {
          if (!provider) {
            throw new InputError(
              'Unrecognised webhook: send a push event from GitHub (X-GitHub-Event), GitLab (X-Gitlab-Event), Bitbucket (X-Event-Key) or Gitea (X-Gitea-Event)',
            );
          }
          const name = PROVIDER_NAMES[provider];
          const secret = settings.secrets[provider];
          if (!secret) {
            throw new NotAllowedError(
              `${name} webhooks are refused because no secret is configured for them; set slipway.webhooks.${provider}.secret and the same secret in the webhook's settings in ${name}`,
            );
          }
          const verified = verifySignature(provider, req.headers, body, secret);
          if (!verified.valid) throw new AuthenticationError(`${name} webhook rejected: ${verified.reason}`);
          const parsed = parseWebhookEvent(provider, event, body);
          if (parsed.type === 'ping') {
            return { provider, event, refreshed: [], message: `${name} webhook verified; push events will refresh matching applications` };
          }
          if (parsed.type === 'ignored') {
            return { provider, event, refreshed: [], message: `${name} event '${event}' is not a push; nothing to do` };
          }
          const refreshed = await refresh(parsed);
          return {
            provider,
            event,
            refreshed,
            message:
              refreshed.length > 0
                ? `refresh of ${refreshed.length} application(s) queued`
                : `no application follows ${withoutUserInfo(parsed.repoURLs[0])} at ${parsed.refs.join(', ') || 'the pushed ref'}`,
          };
        },
      );
      res.json(answer);
    },
  );
}
