import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { errors, KubeError } from '../api/Status';

const MAX_BODY = 8 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(
          new KubeError(
            413,
            'RequestEntityTooLarge',
            'request entity too large: the body exceeds 8 MiB',
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a request body by content type: JSON, or YAML when the type says so. */
export function parseBody(
  text: string,
  contentType: string | undefined,
): unknown {
  const ct = (contentType ?? 'application/json')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (ct.includes('protobuf') || ct.includes('cbor')) {
    throw errors.unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  if (text.trim() === '')
    throw errors.badRequest('the request body is empty; send a JSON object');
  const isYaml =
    ct === 'application/yaml' || ct === 'application/apply-patch+yaml';
  const looksJson = /^\s*[[{]/.test(text);
  if (looksJson || !isYaml) {
    try {
      return JSON.parse(text);
    } catch (e) {
      if (!isYaml)
        throw errors.badRequest(
          `the request body is not valid JSON: ${(e as Error).message}`,
        );
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw errors.badRequest(
      `the request body is not valid YAML: ${(e as Error).message}`,
    );
  }
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, e: unknown): void {
  const err =
    e instanceof KubeError
      ? e
      : errors.internal(
          `kube-sim internal error: ${(e as Error)?.message ?? e}`,
        );
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err.details?.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
  }
  sendJson(res, err.code, err.toStatus());
}
