import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashSync } from 'bcryptjs';
import { freePort } from '../net/freePort';
import {
  RegistryTokenService,
  TOKEN_ISSUER,
  TOKEN_SERVICE,
} from './RegistryTokenService';
import { isExecutable } from '../system/isExecutable';

/** Debian's `docker-registry` package (CNCF distribution 2.8) installs the registry here. */
export const DEFAULT_REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Basic-auth credentials the registry demands when given (htpasswd, bcrypt). */
export interface OciRegistryAuth {
  username: string;
  password: string;
}

export interface OciRegistryTestServerOptions {
  /** When set, every request must carry these credentials (`WWW-Authenticate: Basic`). */
  auth?: OciRegistryAuth;
  /**
   * How the registry asks for the credentials: `basic` (htpasswd, the
   * default) or `bearer` (tokens from a token service beside the registry, as
   * ghcr.io and Docker Hub do; needs openssl for the signing certificate).
   */
  authScheme?: 'basic' | 'bearer';
  /** The registry program; default `$DOCKER_REGISTRY_BINARY`, else /usr/bin/docker-registry. */
  binary?: string;
  /** How long to wait for `/v2/` to answer (default 20 s). */
  startTimeoutMs?: number;
}

/** One request of the registry's access log. */
export interface OciRequestLogEntry {
  method: string;
  /** Path and query, e.g. `/v2/charts/demo/tags/list`. */
  path: string;
  status: number;
}

/** Access log lines: `127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 200 2 "" "agent"`. */
const ACCESS_LINE = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) /;

/**
 * A real OCI registry for tests: the CNCF distribution registry (Debian's
 * `docker-registry`) on 127.0.0.1 and a free port, storing blobs in a
 * temporary folder, optionally behind htpasswd basic auth or bearer tokens
 * from a token service (RegistryTokenService). It speaks plain
 * HTTP, so clients need `--plain-http` (helm) or `http://` URLs.
 *
 * ```ts
 * const registry = await OciRegistryTestServer.start({ auth: { username: 'ci', password: 's3cret' } });
 * await registry.pushChart(helm, '/tmp/demo-1.0.0.tgz', 'charts'); // oci://127.0.0.1:PORT/charts/demo
 * await registry.stop();
 * ```
 */
export class OciRegistryTestServer {
  private stopped = false;

  private constructor(
    /** Temporary folder holding the configuration, htpasswd file and storage. */
    readonly dir: string,
    /** `127.0.0.1:<port>`: what `helm registry login` and OCI references take. */
    readonly host: string,
    readonly auth: OciRegistryAuth | undefined,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    /** The registry's stdout and stderr lines (its access log among them). */
    private readonly log: string[],
    /** The token service of a registry with `authScheme: 'bearer'`. */
    readonly tokenService?: RegistryTokenService,
  ) {}

  /** Starts the registry; fails with what to install when the program is missing. */
  static async start(
    options: OciRegistryTestServerOptions = {},
  ): Promise<OciRegistryTestServer> {
    const binary =
      options.binary ??
      process.env.DOCKER_REGISTRY_BINARY ??
      DEFAULT_REGISTRY_BINARY;
    if (!isExecutable(binary)) {
      throw new Error(
        `OciRegistryTestServer: the registry program ${binary} is missing; install the Debian package ` +
          'docker-registry (DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-registry; ' +
          '.ci/run installs it) or set DOCKER_REGISTRY_BINARY',
      );
    }
    const dir = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'slipway-oci-registry-'),
    );
    let tokenService: RegistryTokenService | undefined;
    try {
      if (options.auth && options.authScheme === 'bearer') {
        tokenService = await RegistryTokenService.start(dir, options.auth);
      } else if (options.auth) {
        const entry = `${options.auth.username}:${hashSync(
          options.auth.password,
          4,
        )}\n`;
        await fs.promises.writeFile(path.join(dir, 'htpasswd'), entry, {
          mode: 0o600,
        });
      }
      // another process may take the free port before the registry binds it: try a few
      let lastError: unknown;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          return await OciRegistryTestServer.launch(
            binary,
            dir,
            options,
            tokenService,
          );
        } catch (e) {
          lastError = e;
          if (!/address already in use/i.test(String((e as Error).message)))
            break;
        }
      }
      throw lastError;
    } catch (e) {
      await tokenService?.stop();
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  private static async launch(
    binary: string,
    dir: string,
    options: OciRegistryTestServerOptions,
    tokenService: RegistryTokenService | undefined,
  ): Promise<OciRegistryTestServer> {
    const host = `127.0.0.1:${await freePort()}`;
    const configFile = path.join(dir, 'config.yml');
    await fs.promises.writeFile(
      configFile,
      registryConfig(dir, host, options.auth !== undefined, tokenService),
    );
    // no inherited REGISTRY_* variables: they would override the configuration
    const child = spawn(binary, ['serve', configFile], {
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) =>
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    let exitCode: number | null | undefined;
    const exited = new Promise<void>(resolve => {
      child.once('exit', code => {
        exitCode = code;
        resolve();
      });
      child.once('error', () => resolve());
    });
    const server = new OciRegistryTestServer(
      dir,
      host,
      options.auth,
      child,
      exited,
      output,
      tokenService,
    );
    const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
    while (Date.now() < deadline) {
      if (exitCode !== undefined || child.exitCode !== null) {
        throw new Error(
          `OciRegistryTestServer: the registry exited at start: ${output
            .slice(-5)
            .join('\n')}`,
        );
      }
      const status = await fetch(`http://${host}/v2/`, {
        signal: AbortSignal.timeout(1000),
      })
        .then(r => r.status)
        .catch(() => 0);
      // 401 is the answer of a registry with auth: it is up
      if (status === 200 || (status === 401 && options.auth)) {
        return server;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await server.stop();
    throw new Error(
      `OciRegistryTestServer: /v2/ did not answer within the start timeout: ${output
        .slice(-5)
        .join('\n')}`,
    );
  }

  /** `http://127.0.0.1:<port>`: the registry API lies under `/v2/`. */
  get baseUrl(): string {
    return `http://${this.host}`;
  }

  /** `oci://127.0.0.1:<port>/<repository>` (repository e.g. `charts` or `charts/demo`). */
  ociUrl(repository = ''): string {
    return `oci://${this.host}${
      repository ? `/${repository.replace(/^\/+/, '')}` : ''
    }`;
  }

  /** The requests the registry answered, from its access log, oldest first. */
  requests(): OciRequestLogEntry[] {
    return this.log.flatMap(line => {
      const match = ACCESS_LINE.exec(line);
      return match
        ? [{ method: match[1], path: match[2], status: Number(match[3]) }]
        : [];
    });
  }

  /**
   * Pushes a packaged chart (`helm package` output) with the real helm into
   * `oci://<host>/<repository>/<chart name>`, logging in first when the
   * registry has auth. Helm's files live in a private temporary HOME.
   * Returns helm's output (it names the pushed reference and digest).
   */
  async pushChart(
    helm: string,
    archive: string,
    repository: string,
  ): Promise<string> {
    const home = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'slipway-oci-push-'),
    );
    const loginFile = path.join(home, 'registry.json');
    const env = {
      PATH: '/usr/bin:/bin',
      HOME: home,
      HELM_CONFIG_HOME: home,
      HELM_CACHE_HOME: home,
      HELM_DATA_HOME: home,
    };
    try {
      if (this.auth) {
        await run(
          helm,
          [
            'registry',
            'login',
            this.host,
            '--username',
            this.auth.username,
            '--password-stdin',
            '--plain-http',
            '--registry-config',
            loginFile,
          ],
          env,
          this.auth.password,
        );
      }
      return await run(
        helm,
        [
          'push',
          archive,
          this.ociUrl(repository),
          '--plain-http',
          '--registry-config',
          loginFile,
        ],
        env,
      );
    } finally {
      await fs.promises.rm(home, { recursive: true, force: true });
    }
  }

  /** Stops the registry (SIGTERM, SIGKILL after 5 s) and deletes its storage. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.tokenService?.stop();
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}

/** distribution's configuration: filesystem storage in `dir`, optional htpasswd or token auth, access log on. */
function registryConfig(
  dir: string,
  host: string,
  withAuth: boolean,
  tokenService: RegistryTokenService | undefined,
): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(path.join(dir, 'storage'))}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    // a fixed secret keeps the registry from warning; it signs upload state only
    `  secret: ${crypto.randomBytes(16).toString('hex')}`,
  ];
  if (tokenService) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${tokenService.realm}`,
      `    service: ${TOKEN_SERVICE}`,
      `    issuer: ${TOKEN_ISSUER}`,
      `    rootcertbundle: ${JSON.stringify(tokenService.certificateFile)}`,
    );
  } else if (withAuth) {
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: slipway-test',
      `    path: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}


/** Runs a program, resolving with its stdout and stderr, rejecting with them on failure. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.stderr.on('data', chunk => (out += chunk));
    child.once('error', reject);
    child.once('close', code => {
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${path.basename(command)} ${args[0]} ${
              args[1] ?? ''
            } exited with ${code}: ${out.trim()}`,
          ),
        );
    });
    child.stdin.end(stdin ?? '');
  });
}
