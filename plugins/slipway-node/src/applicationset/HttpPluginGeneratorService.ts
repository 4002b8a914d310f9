import type { Config } from '@backstage/config';
import { readCappedBody } from '../http';
import { redactText, redactUrl } from '../source/redact';
import type { PluginGeneratorService, PluginParamsRequest } from './types';

/**
 * A plugin generator service as configured under
 * `slipway.applicationSets.plugins` (Argo CD keeps the same three settings
 * in the plugin's ConfigMap). @public
 */
export interface ApplicationSetPluginConfig {
  /** The name ApplicationSets give as `configMapRef.name`. */
  name: string;
  /** Base URL; Slipway POSTs to `<baseUrl>/api/v1/getparams.execute`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Seconds to wait for the answer (Argo CD's default, 30, when absent). */
  requestTimeoutSeconds?: number;
}

const DEFAULT_TIMEOUT_SECONDS = 30;
/** Answers larger than this are refused: the catalog holds the parameters in memory. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Reads `slipway.applicationSets.plugins`; throws naming the entry when one is invalid. @public */
export function readApplicationSetPlugins(config: Config): ApplicationSetPluginConfig[] {
  const entries = config.getOptionalConfigArray('slipway.applicationSets.plugins') ?? [];
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const where = `slipway.applicationSets.plugins[${i}]`;
    const name = entry.getString('name').trim();
    if (name === '' || seen.has(name)) {
      throw new Error(`${where}.name must be a non-empty name used by no other plugin, got "${name}"`);
    }
    seen.add(name);
    const baseUrl = entry.getString('baseUrl');
    if (!/^https?:\/\/[^\s]+$/i.test(baseUrl)) {
      throw new Error(`${where}.baseUrl must be an http:// or https:// URL, got "${redactUrl(baseUrl)}"`);
    }
    const token = entry.getString('token');
    const requestTimeoutSeconds = entry.getOptionalNumber('requestTimeout');
    if (requestTimeoutSeconds !== undefined && !(requestTimeoutSeconds > 0)) {
      throw new Error(`${where}.requestTimeout must be a positive number of seconds, got ${requestTimeoutSeconds}`);
    }
    return { name, baseUrl, token, requestTimeoutSeconds };
  });
}

/**
 * Calls plugin generator services over HTTP as Argo CD's ApplicationSet
 * controller does: `POST <baseUrl>/api/v1/getparams.execute` with
 * `{"applicationSetName", "input": {"parameters"}}` and a bearer token,
 * answered by `{"output": {"parameters": [...]}}`. A non-2xx answer fails
 * with the plugin's `message` (or `error`) field; a missing `output` is no
 * parameter sets. Tokens never appear in messages. @public
 */
export class HttpPluginGeneratorService implements PluginGeneratorService {
  private readonly plugins: Map<string, ApplicationSetPluginConfig>;

  constructor(plugins: ApplicationSetPluginConfig[]) {
    this.plugins = new Map(plugins.map(p => [p.name, p]));
  }

  static fromConfig(config: Config): HttpPluginGeneratorService {
    return new HttpPluginGeneratorService(readApplicationSetPlugins(config));
  }

  async getParams(request: PluginParamsRequest): Promise<unknown[]> {
    const plugin = this.plugins.get(request.plugin);
    if (!plugin) {
      const known = [...this.plugins.keys()];
      throw new Error(
        `no plugin of this name is configured (${
          known.length ? `configured: ${known.join(', ')}` : 'none is configured'
        }); add it to slipway.applicationSets.plugins or fix configMapRef.name`,
      );
    }
    const url = `${plugin.baseUrl.replace(/\/+$/, '')}/api/v1/getparams.execute`;
    const shown = redactUrl(url);
    const seconds = plugin.requestTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${plugin.token}`,
          'user-agent': 'slipway-applicationset',
        },
        body: JSON.stringify({
          applicationSetName: request.applicationSetName,
          input: { parameters: request.parameters },
        }),
        redirect: 'error',
        signal: AbortSignal.timeout(seconds * 1000),
      });
      text = (
        await readCappedBody(response, MAX_ANSWER_BYTES, () => new Error(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`))
      ).toString('utf8');
    } catch (e) {
      const error = e as Error;
      if (error.name === 'TimeoutError') {
        throw new Error(`${shown} did not answer within ${seconds} s; check the plugin service or raise requestTimeout`);
      }
      const cause = (error.cause as Error | undefined)?.message ?? error.message;
      throw new Error(
        `could not call ${shown}: ${redactText(cause, [plugin.token])}; check baseUrl and that the plugin service runs`,
      );
    }
    if (!response.ok) {
      throw new Error(`${shown} answered HTTP ${response.status}${refusalReason(text, plugin.token)}`);
    }
    return parametersOf(text, shown);
  }
}

/** The plugin's own reason for refusing, as Argo CD reads it (`message`, else `error`, else the body). */
function refusalReason(text: string, token: string): string {
  let reason = text.trim();
  try {
    const body = JSON.parse(text);
    if (typeof body?.message === 'string') reason = body.message;
    else if (typeof body?.error === 'string') reason = body.error;
  } catch {
    // not JSON: the body is the reason
  }
  reason = redactText(reason, [token]).slice(0, 500);
  return reason ? `: ${reason}` : '';
}

function parametersOf(text: string, shown: string): unknown[] {
  if (text.trim() === '') return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new Error(`${shown} answered with invalid JSON (${(e as Error).message}); the plugin must return {"output": {"parameters": [...]}}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`${shown} answered with JSON that is not an object; the plugin must return {"output": {"parameters": [...]}}`);
  }
  const output = (body as { output?: unknown }).output;
  if (output === undefined || output === null) return [];
  if (typeof output !== 'object' || Array.isArray(output)) {
    throw new Error(`${shown} answered an "output" that is not an object; the plugin must return {"output": {"parameters": [...]}}`);
  }
  const parameters = (output as { parameters?: unknown }).parameters;
  if (parameters === undefined || parameters === null) return [];
  if (!Array.isArray(parameters)) {
    throw new Error(`${shown} answered output.parameters that is not a list; the plugin must return {"output": {"parameters": [...]}}`);
  }
  return parameters;
}
