import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The `service` and `issuer` the registry's configuration and the tokens name. */
export const TOKEN_SERVICE = 'slipway-test-registry';
export const TOKEN_ISSUER = 'slipway-test-token-service';

/**
 * A token service for the registry's `auth.token` mode, as ghcr.io and
 * Docker Hub work: the registry answers `401` with `WWW-Authenticate: Bearer
 * realm=…,service=…,scope=…`, clients ask this service for a token (with
 * basic credentials, or anonymously), and the registry checks the token's
 * RS256 signature against the certificate in its `rootcertbundle`.
 * Authenticated clients get the actions they ask for; anonymous ones get a
 * token that grants nothing; wrong credentials get `401`.
 */
export class RegistryTokenService {
  /** Token requests answered, with whether they carried the right credentials. */
  readonly requests: Array<{
    scope: string[];
    authenticated: boolean;
    status: number;
  }> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly key: crypto.KeyObject,
    private readonly certificateDer: string,
    /** The certificate the registry trusts (PEM file). */
    readonly certificateFile: string,
    private readonly auth: { username: string; password: string },
  ) {}

  /** Makes a key and self-signed certificate with openssl in `dir` and listens on 127.0.0.1. */
  static async start(
    dir: string,
    auth: { username: string; password: string },
  ): Promise<RegistryTokenService> {
    const keyFile = path.join(dir, 'token.key');
    const certificateFile = path.join(dir, 'token.crt');
    await execFileAsync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certificateFile,
      '-days',
      '2',
      '-subj',
      '/CN=slipway-test-token-service',
    ]).catch(e => {
      throw new Error(
        `OciRegistryTestServer: openssl could not make the token service's certificate (install openssl): ${e.message}`,
      );
    });
    const key = crypto.createPrivateKey(await fs.promises.readFile(keyFile));
    const der = new crypto.X509Certificate(
      await fs.promises.readFile(certificateFile),
    ).raw.toString('base64');
    const server = http.createServer();
    const service = new RegistryTokenService(
      server,
      key,
      der,
      certificateFile,
      auth,
    );
    server.on('request', (req, res) => service.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return service;
  }

  /** The realm the registry sends clients to. */
  get realm(): string {
    return `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/token`;
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const scope = url.searchParams.getAll('scope');
    const header = req.headers.authorization;
    const expected = `Basic ${Buffer.from(
      `${this.auth.username}:${this.auth.password}`,
    ).toString('base64')}`;
    const authenticated = header === expected;
    if (url.pathname !== '/token' || (header !== undefined && !authenticated)) {
      const status = url.pathname !== '/token' ? 404 : 401;
      this.requests.push({ scope, authenticated, status });
      res
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end('{"details":"invalid credentials"}');
      return;
    }
    this.requests.push({ scope, authenticated, status: 200 });
    const access = authenticated ? scope.flatMap(parseScope) : [];
    const token = this.sign({
      iss: TOKEN_ISSUER,
      sub: authenticated ? this.auth.username : '',
      aud: url.searchParams.get('service') ?? TOKEN_SERVICE,
      exp: Math.floor(Date.now() / 1000) + 300,
      nbf: Math.floor(Date.now() / 1000) - 10,
      iat: Math.floor(Date.now() / 1000),
      jti: crypto.randomUUID(),
      access,
    });
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ token, expires_in: 300 }));
  }

  /** An RS256 JWT whose `x5c` header carries the certificate the registry trusts. */
  private sign(claims: Record<string, unknown>): string {
    const encode = (value: unknown) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode({
      typ: 'JWT',
      alg: 'RS256',
      x5c: [this.certificateDer],
    })}.${encode(claims)}`;
    const signature = crypto
      .sign('sha256', Buffer.from(signingInput), this.key)
      .toString('base64url');
    return `${signingInput}.${signature}`;
  }
}

/** `repository:team/charts/web:pull,push` as a token's access entry. */
function parseScope(
  scope: string,
): Array<{ type: string; name: string; actions: string[] }> {
  return scope.split(' ').flatMap(one => {
    const match = /^([^:]+):(.+):([^:]+)$/.exec(one);
    return match
      ? [{ type: match[1], name: match[2], actions: match[3].split(',') }]
      : [];
  });
}
