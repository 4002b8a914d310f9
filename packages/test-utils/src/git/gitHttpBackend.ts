import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';

/** What the CGI bridge needs to know about the server it runs in. */
export interface GitHttpBackendOptions {
  /** Folder that holds the bare repositories (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** Environment shared by every git process (PATH, HOME, config isolation). */
  baseEnv: NodeJS.ProcessEnv;
  /** Authenticated user name, passed to git as REMOTE_USER. */
  remoteUser?: string;
  /** Called with every spawned process so the server can end them on stop. */
  track?: (child: ReturnType<typeof spawn>) => void;
}

/**
 * Serves one smart-HTTP (or dumb-HTTP) request by running
 * `git http-backend` as a CGI program, as described in git-http-backend(1).
 *
 * The request body is streamed to the program's stdin (decompressed first
 * when the client sent `Content-Encoding: gzip`, which the git CLI does for
 * large fetch negotiations); CONTENT_LENGTH is left unset so the program
 * reads until end of input. The CGI response headers (`Status:` and the
 * rest) are parsed from stdout and the body is streamed back.
 */
export function serveWithGitHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  options: GitHttpBackendOptions,
): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const env: NodeJS.ProcessEnv = {
    ...options.baseEnv,
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
    // Allow pushes; http-backend would otherwise refuse receive-pack for
    // anonymous users. Given as command-line-equivalent configuration so the
    // repositories' own config stays untouched.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_USER: options.remoteUser ?? '',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    GATEWAY_INTERFACE: 'CGI/1.1',
  };
  const gitProtocol = req.headers['git-protocol'];
  if (typeof gitProtocol === 'string') {
    env.HTTP_GIT_PROTOCOL = gitProtocol;
  }

  const child = spawn('git', ['http-backend'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  options.track?.(child);

  const stderr: Buffer[] = [];
  child.stderr.on('data', chunk => stderr.push(chunk));
  // git may exit before reading the whole request (e.g. when it refuses a
  // service); writing to its closed stdin must not crash the server.
  child.stdin.on('error', () => {});

  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    const gunzip = zlib.createGunzip();
    gunzip.on('error', error => {
      fail(400, `invalid gzip request body: ${error.message}`);
      child.kill();
    });
    req.pipe(gunzip).pipe(child.stdin);
  } else {
    req.pipe(child.stdin);
  }

  let headerBuffer: Buffer | undefined = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerBuffer === undefined) {
      res.write(chunk);
      return;
    }
    headerBuffer = Buffer.concat([headerBuffer, chunk]);
    const end = findHeaderEnd(headerBuffer);
    if (end === undefined) {
      return;
    }
    writeCgiHeaders(res, headerBuffer.subarray(0, end.start).toString('latin1'));
    const rest = headerBuffer.subarray(end.bodyStart);
    headerBuffer = undefined;
    if (rest.length > 0) {
      res.write(rest);
    }
  });

  child.on('error', error => {
    fail(500, `could not run git http-backend: ${error.message}`);
  });
  child.on('close', code => {
    if (headerBuffer !== undefined) {
      fail(
        500,
        `git http-backend exited with code ${code} before sending headers: ${Buffer.concat(
          stderr,
        ).toString('utf8')}`,
      );
      return;
    }
    if (!res.writableEnded) {
      res.end();
    }
  });

  function fail(status: number, message: string) {
    if (!res.headersSent) {
      headerBuffer = undefined;
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`${message}\n`);
    } else if (!res.writableEnded) {
      res.destroy(new Error(message));
    }
  }
}

function findHeaderEnd(buffer: Buffer): { start: number; bodyStart: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) {
    return { start: crlf, bodyStart: crlf + 4 };
  }
  if (lf >= 0) {
    return { start: lf, bodyStart: lf + 2 };
  }
  return undefined;
}

function writeCgiHeaders(res: ServerResponse, block: string): void {
  let status = 200;
  let reason: string | undefined;
  const headers: Record<string, string | string[]> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      continue;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      const match = /^(\d{3})\s*(.*)$/.exec(value);
      if (match) {
        status = Number(match[1]);
        reason = match[2] || undefined;
      }
      continue;
    }
    const existing = headers[name];
    if (existing === undefined) {
      headers[name] = value;
    } else {
      headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  if (reason) {
    res.writeHead(status, reason, headers);
  } else {
    res.writeHead(status, headers);
  }
}
