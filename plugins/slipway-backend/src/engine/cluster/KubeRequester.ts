import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterError } from './ClusterClient';
import { KeepAliveAgents } from './KeepAliveAgents';

const REQUEST_TIMEOUT_MS = 30_000;
/** Requests sent again after a `Retry-After` answer, as client-go's default. */
const MAX_RETRIES = 10;

/** Query parameters of a request; undefined ones are left out. */
export type Query = Record<string, string | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  contentType?: string;
}

/** Options of {@link KubeClusterClient} (and of the requests it sends). @public */
export interface KubeClusterClientOptions {
  /** Waits before a request is sent again; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Seconds of a `Retry-After` header on a 429 or 5xx answer, when it holds a whole number (as client-go reads it). */
function retryAfterOf(
  status: number,
  header: string | undefined,
): number | undefined {
  if (status !== 429 && status < 500) return undefined;
  return header !== undefined && /^\d+$/.test(header.trim())
    ? Number(header)
    : undefined;
}

/**
 * JSON requests to the API server of a kubeconfig's current cluster, over
 * kept-alive connections, with its authentication and TLS; an answer that
 * is not 2xx becomes a {@link ClusterError}.
 */
export class KubeRequester {
  private readonly agents = new KeepAliveAgents();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly kc: KubeConfig,
    options: KubeClusterClientOptions = {},
  ) {
    this.sleep = options.sleep ?? (ms => new Promise(r => setTimeout(r, ms)));
  }

  /**
   * One API request. An answer that asks for the request again (429, or a
   * 5xx with `Retry-After`, as the API server's max-in-flight and priority
   * and fairness filters send) is retried after the pause it names, up to
   * 10 times, as client-go does.
   */
  async request(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<unknown> {
    for (let retries = 0; ; retries++) {
      try {
        return await this.send(method, path, opts);
      } catch (e) {
        const wait = (e as ClusterError).retryAfterSeconds;
        if (wait === undefined || retries >= MAX_RETRIES) throw e;
        await this.sleep(wait * 1000);
      }
    }
  }

  private async send(
    method: string,
    path: string,
    opts: RequestOptions,
  ): Promise<unknown> {
    const cluster = this.kc.getCurrentCluster()!;
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, v);
    }
    const options: https.RequestOptions = { method, headers: {} };
    await this.kc.applyToHTTPSOptions(options);
    const payload =
      opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: http.OutgoingHttpHeaders = {
      ...(options.headers as object),
      accept: 'application/json',
    };
    if (payload !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    options.agent = this.agents.agentFor(url.protocol, options.agent);
    const transport = url.protocol === 'https:' ? https : http;
    const what = `${method} ${url.pathname}`;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        { ...options, method, headers, timeout: REQUEST_TIMEOUT_MS },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('error', e => reject(ClusterError.from(e, what)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = undefined;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(body);
            else {
              const message =
                body?.message ??
                (text.slice(0, 300) || http.STATUS_CODES[status]);
              const retryAfter = res.headers['retry-after'];
              reject(
                new ClusterError(
                  message,
                  status,
                  body?.reason ?? http.STATUS_CODES[status] ?? 'Error',
                  retryAfterOf(
                    status,
                    typeof retryAfter === 'string' ? retryAfter : undefined,
                  ),
                ),
              );
            }
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', e => reject(ClusterError.from(e, what)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
