import type { Config } from '@backstage/config';
import { GitProvider, PROVIDER_NAMES } from './verifySignature';

/** How the webhook endpoint is configured. */
export interface WebhookSettings {
  /** Secrets per provider; a provider without one is refused. */
  secrets: Partial<Record<GitProvider, string>>;
  /** Larger bodies are refused with 413 before they are read. */
  maxBodyBytes: number;
}

/** GitHub push payloads stay far below this even for large pushes (they list at most 20 commits). */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Reads `slipway.webhooks`. */
export function readWebhookConfig(config: Config): WebhookSettings {
  const webhooks = config.getOptionalConfig('slipway.webhooks');
  const secrets: WebhookSettings['secrets'] = {};
  for (const provider of Object.keys(PROVIDER_NAMES) as GitProvider[]) {
    const secret = webhooks?.getOptionalString(`${provider}.secret`);
    if (secret) secrets[provider] = secret;
  }
  const maxBodyBytes = webhooks?.getOptionalNumber('maxBodyBytes') ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new Error(`slipway.webhooks.maxBodyBytes must be a whole number of bytes of at least 1024, got ${maxBodyBytes}`);
  }
  return { secrets, maxBodyBytes };
}
