import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BareRepoWriter, type CommitAuthor, type FileChange } from './BareRepoWriter';
import { serveWithGitHttpBackend } from './gitHttpBackend';

const execFileAsync = promisify(execFile);

/** Basic-auth credentials the server demands when given. */
export interface GitTestServerAuth {
  username: string;
  password: string;
}

export interface GitTestServerOptions {
  /** When set, every request must carry these credentials (HTTP basic auth). */
  auth?: GitTestServerAuth;
}

/** One request the server answered, for tests that count fetches. */
export interface GitRequestLogEntry {
  method: string;
  /** Repository name as given to createRepo. */
  repo: string;
  /** `git-upload-pack` (clone/fetch/ls-remote) or `git-receive-pack` (push). */
  service?: string;
  status: number;
}

export interface CreatedRepo {
  /** Clone URL, e.g. `http://127.0.0.1:4711/apps.git` (without credentials). */
  url: string;
  /** Path of the bare repository on disk. */
  dir: string;
}

export interface CommitOptions {
  message?: string;
  /** Branch to commit on; defaults to the repository's default branch. */
  branch?: string;
  author?: CommitAuthor;
  date?: Date;
}

const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * A real Git smart-HTTP server for tests: `git http-backend` runs as a CGI
 * program behind Node's `http` module on 127.0.0.1 and a random port.
 * Repositories are bare repositories in a temporary folder; pushes are
 * allowed; optional basic auth answers 401 with `WWW-Authenticate`.
 *
 * ```ts
 * const server = await GitTestServer.start();
 * const { url } = await server.createRepo('apps', { 'README.md': 'hello' });
 * const sha = await server.commit('apps', { 'a.yaml': 'x: 1' }, { message: 'add a' });
 * await server.stop();
 * ```
 */
export class GitTestServer {
  /** Every request answered so far, oldest first. */
  readonly requests: GitRequestLogEntry[] = [];

  private readonly children = new Set<ChildProcess>();
  private readonly defaultBranches = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private stopped = false;

  private readonly server: http.Server;
  private port = 0;

  private constructor(
    /** Folder holding the bare repositories. */
    readonly root: string,
    private readonly gitEnv: NodeJS.ProcessEnv,
    private readonly auth: GitTestServerAuth | undefined,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(options: GitTestServerOptions = {}): Promise<GitTestServer> {
    const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-git-'));
    const root = path.join(tmp, 'repos');
    const home = path.join(tmp, 'home');
    await fs.promises.mkdir(root);
    await fs.promises.mkdir(home);
    const gitEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      LANG: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
    };
    const instance = new GitTestServer(root, gitEnv, options.auth);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', () => resolve());
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    return instance;
  }

  /** Base URL, e.g. `http://127.0.0.1:4711`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Clone URL of a repository (it need not exist yet). */
  urlOf(name: string): string {
    return `${this.baseUrl}/${repoFolder(name)}`;
  }

  /** Clone URL with the server's credentials embedded, for the git CLI. */
  authenticatedUrlOf(name: string): string {
    const url = new URL(this.urlOf(name));
    if (this.auth) {
      url.username = encodeURIComponent(this.auth.username);
      url.password = encodeURIComponent(this.auth.password);
    }
    return url.toString();
  }

  /**
   * Creates a bare repository whose HEAD is `branch` (default `main`). With
   * `files`, the branch gets a first commit holding them; without, the
   * repository is empty (a push creates the branch).
   */
  async createRepo(
    name: string,
    files?: Record<string, string | Uint8Array>,
    options: { branch?: string; message?: string } = {},
  ): Promise<CreatedRepo> {
    const dir = this.dirOf(name);
    if (fs.existsSync(dir)) {
      throw new Error(`GitTestServer: repository "${name}" already exists`);
    }
    const branch = options.branch ?? 'main';
    await fs.promises.mkdir(path.dirname(dir), { recursive: true });
    await execFileAsync('git', ['init', '--quiet', '--bare', `--initial-branch=${branch}`, dir], {
      env: this.gitEnv,
    });
    this.defaultBranches.set(name, branch);
    if (files && Object.keys(files).length > 0) {
      await this.commit(name, files, { branch, message: options.message ?? 'Initial commit' });
    }
    return { url: this.urlOf(name), dir };
  }

  /**
   * Commits file changes on a branch (default: the repository's default
   * branch) as if someone had pushed them. `null` deletes a file; other files
   * of the parent commit stay as they are. Returns the commit SHA.
   */
  commit(
    name: string,
    files: Record<string, FileChange>,
    options: CommitOptions = {},
  ): Promise<string> {
    return this.serialize(name, async () => {
      const writer = this.writerOf(name);
      return writer.commit(files, {
        branch: options.branch ?? (await this.defaultBranchOf(name)),
        message: options.message ?? `Update ${Object.keys(files).join(', ')}`,
        author: options.author,
        date: options.date,
      });
    });
  }

  /**
   * Creates (or moves) tag `tag` at `ref` (branch, tag or SHA; default: the
   * default branch). With a message the tag is annotated. Returns the tagged
   * commit SHA.
   */
  tag(name: string, tag: string, ref?: string, options: { message?: string } = {}): Promise<string> {
    return this.serialize(name, async () =>
      this.writerOf(name).tag(tag, ref ?? (await this.defaultBranchOf(name)), options.message),
    );
  }

  /** Creates (or moves) branch `branch` at `from` (default: the default branch). */
  branch(name: string, branch: string, from?: string): Promise<string> {
    return this.serialize(name, async () =>
      this.writerOf(name).branch(branch, from ?? (await this.defaultBranchOf(name))),
    );
  }

  /** Commit SHA at the tip of `branch` (default: the repository's HEAD). */
  headOf(name: string, branch?: string): Promise<string> {
    return this.writerOf(name).resolveCommit(branch ? `refs/heads/${branch}` : 'HEAD');
  }

  /** Resolves any branch, tag, ref or SHA of a repository to a commit SHA. */
  resolve(name: string, ref: string): Promise<string> {
    return this.writerOf(name).resolveCommit(ref);
  }

  /** Stops listening, ends running git processes and deletes the repositories. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    for (const child of this.children) {
      child.kill('SIGKILL');
    }
    await new Promise<void>(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await fs.promises.rm(path.dirname(this.root), { recursive: true, force: true });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const entry: GitRequestLogEntry = {
      method: req.method ?? 'GET',
      repo: repoNameFromPath(url.pathname),
      service: url.searchParams.get('service') ?? serviceFromPath(url.pathname),
      status: 0,
    };
    this.requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    if (this.stopped) {
      res.writeHead(503).end();
      return;
    }
    let remoteUser: string | undefined;
    if (this.auth) {
      remoteUser = checkBasicAuth(req.headers.authorization, this.auth);
      if (!remoteUser) {
        req.resume();
        res.writeHead(401, {
          'WWW-Authenticate': 'Basic realm="GitTestServer", charset="UTF-8"',
          'Content-Type': 'text/plain',
        });
        res.end('authentication required\n');
        return;
      }
    }
    serveWithGitHttpBackend(req, res, {
      projectRoot: this.root,
      baseEnv: this.gitEnv,
      remoteUser,
      track: child => {
        this.children.add(child);
        child.on('close', () => this.children.delete(child));
      },
    });
  }

  private dirOf(name: string): string {
    if (!REPO_NAME.test(name.replace(/\.git$/, '')) || name.split('/').includes('..')) {
      throw new Error(
        `GitTestServer: invalid repository name "${name}"; use letters, digits, ".", "_", "-" and "/" between segments`,
      );
    }
    return path.join(this.root, repoFolder(name));
  }

  private writerOf(name: string): BareRepoWriter {
    const dir = this.dirOf(name);
    if (!fs.existsSync(dir)) {
      throw new Error(
        `GitTestServer: repository "${name}" does not exist; create it first with createRepo("${name}")`,
      );
    }
    return new BareRepoWriter(dir);
  }

  private async defaultBranchOf(name: string): Promise<string> {
    const known = this.defaultBranches.get(name);
    if (known) {
      return known;
    }
    const head = await fs.promises.readFile(path.join(this.dirOf(name), 'HEAD'), 'utf8');
    const match = /^ref: refs\/heads\/(.+)$/m.exec(head);
    return match ? match[1].trim() : 'main';
  }

  /** Runs writes to one repository one after another. */
  private serialize<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(
      name,
      next.catch(() => undefined),
    );
    return next;
  }
}

function repoFolder(name: string): string {
  return name.endsWith('.git') ? name : `${name}.git`;
}

function repoNameFromPath(pathname: string): string {
  const match = /^\/(.+?\.git)(\/|$)/.exec(decodeURIComponent(pathname));
  return match ? match[1].replace(/\.git$/, '') : pathname;
}

function serviceFromPath(pathname: string): string | undefined {
  const match = /\/(git-upload-pack|git-receive-pack)$/.exec(pathname);
  return match ? match[1] : undefined;
}

function checkBasicAuth(header: string | undefined, auth: GitTestServerAuth): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return username === auth.username && password === auth.password ? username : undefined;
}
