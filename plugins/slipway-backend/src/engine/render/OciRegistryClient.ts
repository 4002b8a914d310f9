import crypto from 'node:crypto';
import { readCappedBody, type BasicAuth } from '@slipway/plugin-slipway-node';
import { parseChallenge } from './registryChallenge';

/** One repository of a registry, and how to reach it. */
export interface OciTarget {
  /** `host[:port]`. */
  registry: string;
  /** Repository path, e.g. `acme/charts/web`. */
  repository: string;
  plainHttp: boolean;
  auth?: BasicAuth;
}

/** What went wrong talking to a registry. */
export type OciRequestFailure =
  /** No answer: DNS, connection, TLS, timeout. */
  | 'unreachable'
  /** 401/403, or the token service refused. */
  | 'unauthorized'
  /** 404: the repository, tag or blob is not there. */
  | 'not-found'
  /** Any other status or an answer that breaks the protocol. */
  | 'bad-response';

/** A failed registry request; the message holds no credentials. */
export class OciRequestError extends Error {
  constructor(
    readonly failure: OciRequestFailure,
    message: string,
    /** Whether credentials were offered (for "refused" versus "needs credentials"). */
    readonly withCredentials = false,
  ) {
    super(message);
    this.name = 'OciRequestError';
  }
}

export interface OciRegistryClientOptions {
  /** HTTP client; default the global fetch. */
  fetch?: typeof fetch;
  /** Per request (default 60 s). */
  timeoutMs?: number;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const MAX_TAG_PAGES = 100;

/**
 * Reads from OCI registries with the distribution API: tag lists (paged by
 * `Link` headers), manifests and blobs (checked against their digest). Auth
 * is negotiated the way registries ask for it on a 401: basic auth, or a
 * bearer token from the registry's token service (with the credentials, or
 * anonymously). The negotiated header is kept per repository until it
 * expires. Credentials go only to the registry and its token service, never
 * to hosts it redirects blob downloads to.
 */
export class OciRegistryClient {
  private readonly fetchFn: typeof fetch;
  private readonly authorizations = new Map<
    string,
    { header: string; until: number }
  >();

  constructor(private readonly options: OciRegistryClientOptions = {}) {
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Every tag of a repository. */
  async listTags(target: OciTarget): Promise<string[]> {
    const tags: string[] = [];
    let next: string | undefined = `/v2/${target.repository}/tags/list?n=1000`;
    for (let page = 0; next && page < MAX_TAG_PAGES; page++) {
      const { body, headers } = await this.request(target, next, {
        accept: 'application/json',
        maxBytes: MAX_JSON_BYTES,
      });
      const doc = parseJson(body, 'tag list') as { tags?: unknown };
      if (
        doc.tags !== null &&
        doc.tags !== undefined &&
        !Array.isArray(doc.tags)
      ) {
        throw new OciRequestError(
          'bad-response',
          'the tag list has no list of tags',
        );
      }
      tags.push(
        ...((doc.tags as unknown[] | null | undefined) ?? []).filter(
          (t): t is string => typeof t === 'string',
        ),
      );
      next = nextPage(headers.get('link'));
    }
    return tags;
  }

  /** The image manifest a tag or digest names. */
  async getManifest(
    target: OciTarget,
    reference: string,
  ): Promise<OciManifest> {
    const { body, headers } = await this.request(
      target,
      `/v2/${target.repository}/manifests/${encodeURIComponent(reference)}`,
      {
        accept: MANIFEST_TYPES.join(', '),
        maxBytes: MAX_JSON_BYTES,
      },
    );
    const doc = parseJson(body, 'manifest') as OciManifest;
    const mediaType = doc.mediaType ?? headers.get('content-type') ?? '';
    if (!Array.isArray(doc.layers)) {
      throw new OciRequestError(
        'bad-response',
        `${reference} is not an image manifest (media type ${
          mediaType || 'unknown'
        })`,
      );
    }
    return doc;
  }

  /** A blob, refused when larger than `maxBytes` or not matching `digest`. */
  async getBlob(
    target: OciTarget,
    digest: string,
    maxBytes: number,
  ): Promise<Buffer> {
    const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
    if (!match) {
      throw new OciRequestError(
        'bad-response',
        `blob digest "${digest}" is not a sha256 digest`,
      );
    }
    const { body } = await this.request(
      target,
      `/v2/${target.repository}/blobs/${digest}`,
      { maxBytes },
    );
    if (crypto.createHash('sha256').update(body).digest('hex') !== match[1]) {
      throw new OciRequestError(
        'bad-response',
        `blob ${digest} does not match its digest; the registry may be tampered with`,
      );
    }
    return body;
  }

  private async request(
    target: OciTarget,
    pathAndQuery: string,
    how: { accept?: string; maxBytes: number },
  ): Promise<{ body: Buffer; headers: Headers }> {
    const origin = `${target.plainHttp ? 'http' : 'https'}://${
      target.registry
    }`;
    const key = `${origin}|${target.repository}|${target.auth?.username ?? ''}`;
    let url = new URL(pathAndQuery, origin).toString();
    let negotiated = false;
    for (let hop = 0; hop < 10; hop++) {
      const sameOrigin = new URL(url).origin === new URL(origin).origin;
      const cached = this.authorizations.get(key);
      const authorization =
        sameOrigin && cached && cached.until > Date.now()
          ? cached.header
          : undefined;
      const res = await this.send(url, {
        ...(how.accept ? { Accept: how.accept } : {}),
        ...(authorization ? { Authorization: authorization } : {}),
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url).toString();
        if (!/^https?:$/.test(new URL(url).protocol)) {
          throw new OciRequestError(
            'bad-response',
            'the registry redirected to a non-http(s) URL',
          );
        }
        continue;
      }
      if (res.status === 401 && sameOrigin && !negotiated) {
        negotiated = true;
        const challenge = res.headers.get('www-authenticate');
        await res.body?.cancel();
        this.authorizations.set(key, await this.negotiate(target, challenge));
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new OciRequestError(
          'unauthorized',
          `HTTP ${res.status}`,
          target.auth !== undefined,
        );
      }
      if (res.status === 404) {
        throw new OciRequestError(
          'not-found',
          `HTTP 404${await errorCodes(res)}`,
        );
      }
      if (!res.ok) {
        throw new OciRequestError(
          'bad-response',
          `HTTP ${res.status}${await errorCodes(res)}`,
        );
      }
      return {
        body: await readCapped(res, how.maxBytes),
        headers: res.headers,
      };
    }
    throw new OciRequestError('bad-response', 'too many redirects');
  }

  /** The Authorization header a 401 challenge asks for. */
  private async negotiate(
    target: OciTarget,
    header: string | null,
  ): Promise<{ header: string; until: number }> {
    const challenge = parseChallenge(header);
    const basic = target.auth
      ? `Basic ${Buffer.from(
          `${target.auth.username}:${target.auth.password}`,
        ).toString('base64')}`
      : undefined;
    if (challenge?.scheme === 'basic') {
      if (!basic)
        throw new OciRequestError(
          'unauthorized',
          'HTTP 401 (basic auth required)',
        );
      return { header: basic, until: Infinity };
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new OciRequestError(
        'unauthorized',
        `HTTP 401 with an unsupported challenge "${header ?? ''}"`,
        basic !== undefined,
      );
    }
    const realm = new URL(challenge.params.realm);
    if (!/^https?:$/.test(realm.protocol)) {
      throw new OciRequestError(
        'bad-response',
        'the token service is not an http(s) URL',
      );
    }
    if (challenge.params.service)
      realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set(
      'scope',
      challenge.params.scope ?? `repository:${target.repository}:pull`,
    );
    // the token service the registry names gets the credentials: that is the protocol
    const res = await this.send(
      realm.toString(),
      basic ? { Authorization: basic } : {},
    );
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new OciRequestError(
        'unauthorized',
        `the token service answered HTTP ${res.status}`,
        basic !== undefined,
      );
    }
    if (!res.ok) {
      throw new OciRequestError(
        'bad-response',
        `the token service answered HTTP ${res.status}`,
      );
    }
    const doc = parseJson(
      await readCapped(res, MAX_JSON_BYTES),
      'token',
    ) as Record<string, unknown>;
    const token = typeof doc.token === 'string' ? doc.token : doc.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new OciRequestError(
        'bad-response',
        'the token service answered without a token',
      );
    }
    const seconds =
      typeof doc.expires_in === 'number' && doc.expires_in > 0
        ? doc.expires_in
        : 60;
    // renew a little early so a token never expires in flight
    return {
      header: `Bearer ${token}`,
      until: Date.now() + Math.max(seconds - 10, 5) * 1000,
    };
  }

  private async send(
    url: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    try {
      return await this.fetchFn(url, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } })
        .cause;
      throw new OciRequestError(
        'unreachable',
        cause?.code ?? cause?.message ?? (e as Error).message,
      );
    }
  }
}

/** The parts of an OCI image manifest a chart pull needs. */
export interface OciManifest {
  mediaType?: string;
  config?: { mediaType?: string; digest?: string };
  layers: Array<{ mediaType?: string; digest?: string; size?: number }>;
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    const doc = JSON.parse(body.toString('utf8'));
    if (doc && typeof doc === 'object') return doc;
  } catch {
    // reported below
  }
  throw new OciRequestError('bad-response', `the ${what} is not a JSON object`);
}

/** The next page of a paged answer: `Link: </v2/...?last=x&n=1000>; rel="next"`. */
function nextPage(link: string | null): string | undefined {
  const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link ?? '');
  return match ? match[1] : undefined;
}

/** ` (NAME_UNKNOWN, …)` from a distribution error body, for messages. */
async function errorCodes(res: Response): Promise<string> {
  try {
    const doc = JSON.parse(
      (await readCapped(res, 64 * 1024)).toString('utf8'),
    ) as { errors?: Array<{ code?: string }> };
    const codes = (doc.errors ?? []).map(e => e.code).filter(Boolean);
    return codes.length > 0 ? ` (${codes.join(', ')})` : '';
  } catch {
    return '';
  }
}

/** The body within `max` bytes, else the registry's answer is refused as too large. */
function readCapped(res: Response, max: number): Promise<Buffer> {
  return readCappedBody(
    res,
    max,
    () => new OciRequestError('bad-response', `the answer is larger than ${max} bytes; raise the archive size limit`),
  );
}
