import fs from 'node:fs';
import path from 'node:path';
import git, { type HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { CredentialStore, type RepositoryCredential } from './credentials';
import {
  hasObject,
  lookupPath,
  readCommitDetails,
  rootTreeOf,
  walkTree,
  normalizeRepoPath,
  type GitLocation,
} from './gitTree';
import { changedPaths } from './gitDiff';
import { materializeCheckout, type CheckoutLimits } from './materialize';
import { findRepositoryLocalPath, type RepositoryLocalPath } from './localRepositories';
import { localRefs } from './localRefs';
import { SharedRefListings } from './SharedRefListings';
import { redactUrl, withoutUserInfo } from './redact';
import { findLocalRepository, parseRepoLocation, type RepoLocation } from './repoLocation';
import { advertisedCommits, matchRevision, readableRefs, summarizeBranches, type AdvertisedRef } from './resolveRevision';
import {
  SourceError,
  type Checkout,
  type CommitDetails,
  type ResolvedRevision,
  type Source,
  type SourceCallOptions,
  type TreeEntry,
} from './Source';
import { translateGitError } from './translateGitError';
import { gitFs } from './gitFs';

/** The logger calls GitSource makes (Backstage's LoggerService fits). */
export interface SourceLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

export interface GitSourceOptions {
  /** Folder for fetched repositories and checkouts. */
  cacheDir: string;
  /** Credentials per URL prefix. */
  credentials?: RepositoryCredential[];
  /** HTTP client for isomorphic-git; default its Node client. */
  http?: HttpClient;
  logger?: SourceLogger;
  /** Read `file://` URLs and plain paths in place (default true). */
  allowLocalRepositories?: boolean;
  /** Base folder for relative local paths (default: the process' working directory). */
  localBaseDir?: string;
  /**
   * Repository URLs read from a local folder instead of their server
   * (`slipway.repositories[].localPath`); allowed even when
   * `allowLocalRepositories` is false, since the administrator set them.
   */
  localPaths?: RepositoryLocalPath[];
  /** Limits on one checkout (default 20 000 files, 512 MiB). */
  checkoutLimits?: Partial<CheckoutLimits>;
  /**
   * How long a remote's ref listing serves callers that pass `acceptRecent`
   * (default 3 000 ms; 0 asks the remote every time).
   */
  recentRefsMaxAgeMs?: number;
  /** Clock for the age of ref listings (default `Date.now`). */
  now?: () => number;
}

interface OpenRepo {
  location: RepoLocation;
  git: GitLocation;
}

const MAX_REMEMBERED_COMMITS = 10_000;
const LOCATIONS_KEPT = 10_000;

const DEFAULT_LIMITS: CheckoutLimits = { maxFiles: 20_000, maxBytes: 512 * 1024 * 1024 };

/**
 * Reads Git repositories with isomorphic-git. Remote repositories are fetched
 * into `<cacheDir>/repos/<hash of URL>` after a cheap ref listing shows the
 * cache lacks an advertised commit; local ones are read in place.
 */
export class GitSource implements Source {
  private readonly credentials: CredentialStore;
  private readonly http: HttpClient;
  private readonly limits: CheckoutLimits;
  private readonly opened = new Map<string, Promise<OpenRepo>>();
  private readonly located = new Map<string, RepoLocation & { configured?: boolean }>();
  private readonly checkouts = new Map<string, Promise<Checkout>>();
  /** Commits known to be in a cache repository (fetches only add objects), by repository key. */
  private readonly present = new Map<string, Set<string>>();
  private readonly listings: SharedRefListings;

  constructor(private readonly options: GitSourceOptions) {
    this.listings = new SharedRefListings(options.recentRefsMaxAgeMs ?? 3_000, options.now);
    this.credentials = new CredentialStore(options.credentials);
    this.http = options.http ?? nodeHttp;
    this.limits = { ...DEFAULT_LIMITS, ...options.checkoutLimits };
  }

  async resolveRevision(
    repoURL: string,
    targetRevision?: string,
    options: SourceCallOptions = {},
  ): Promise<ResolvedRevision> {
    const requested = (targetRevision ?? '').trim();
    const repo = await this.open(repoURL);
    return this.guard(repo, () => this.resolveIn(repo, repoURL, requested, options));
  }

  private async resolveIn(
    repo: OpenRepo,
    repoURL: string,
    requested: string,
    options: SourceCallOptions,
  ): Promise<ResolvedRevision> {
    const done = (commit: string, ref?: string): ResolvedRevision => ({
      repoURL,
      targetRevision: requested,
      commit,
      ...(ref ? { ref } : {}),
    });
    const shortcut = matchRevision([], requested);
    if (shortcut.kind === 'sha' && (await this.has(repo, shortcut.commit))) {
      return done(shortcut.commit);
    }
    const refs =
      repo.location.kind === 'remote' ? await this.refresh(repo, options) : await localRefs(repo.git.gitdir);
    const match = matchRevision(refs, requested);
    switch (match.kind) {
      case 'ref':
        return done(match.commit, match.ref);
      case 'sha':
        if (await this.has(repo, match.commit)) {
          return done(match.commit);
        }
        throw new SourceError(
          'revision-not-found',
          `Commit ${match.commit} is not in ${repo.location.label} (it is not reachable from any branch or tag); ` +
            'check targetRevision',
        );
      case 'short-sha':
        try {
          const oid = await git.expandOid({ fs: gitFs, gitdir: repo.git.gitdir, oid: match.prefix, cache: {} });
          return done(oid);
        } catch (e) {
          throw new SourceError(
            'revision-not-found',
            `Revision "${requested}" of ${repo.location.label} is not a branch or tag and matches ` +
              `${(e as { code?: string }).code === 'AmbiguousError' ? 'several commits' : 'no commit'}; ` +
              'check targetRevision',
          );
        }
      default:
        throw new SourceError(
          'revision-not-found',
          `Revision "${requested}" not found in ${repo.location.label}: no branch, tag or commit of that name ` +
            `(branches: ${summarizeBranches(refs)}); check targetRevision`,
        );
    }
  }

  async listFiles(repoURL: string, commit: string, dir = ''): Promise<TreeEntry[]> {
    const repo = await this.open(repoURL);
    return this.guard(repo, async () => {
      const cache = {};
      const root = await rootTreeOf(repo.git, commit, cache);
      const start = await lookupPath(repo.git, root, dir, cache);
      if (!start) {
        throw new SourceError('not-found', `Folder "${dir}" does not exist at ${commit} in ${repo.location.label}`);
      }
      if (start.mode !== '040000') {
        throw new SourceError('not-found', `"${dir}" is not a folder at ${commit} in ${repo.location.label}`);
      }
      const out: TreeEntry[] = [];
      await walkTree(repo.git.gitdir, start.oid, start.path, cache, async e => {
        out.push({ path: e.path, type: e.type, mode: e.mode });
      });
      return out;
    });
  }

  async readFile(repoURL: string, commit: string, filePath: string): Promise<Buffer> {
    const repo = await this.open(repoURL);
    return this.guard(repo, async () => {
      const cache = {};
      const root = await rootTreeOf(repo.git, commit, cache);
      const found = await lookupPath(repo.git, root, filePath, cache);
      if (!found || found.mode === '040000' || found.mode === '160000') {
        throw new SourceError(
          'not-found',
          `File "${normalizeRepoPath(filePath, repo.location.label)}" does not exist at ${commit} in ${repo.location.label}`,
        );
      }
      const { blob } = await git.readBlob({ fs: gitFs, gitdir: repo.git.gitdir, oid: found.oid, cache });
      return Buffer.from(blob);
    });
  }

  async commitDetails(repoURL: string, commit: string): Promise<CommitDetails> {
    const repo = await this.open(repoURL);
    if (!/^[0-9a-f]{40}$/.test(commit)) {
      throw new SourceError('revision-not-found', `commitDetails needs a full commit SHA, got "${commit}"`);
    }
    return this.guard(repo, () => readCommitDetails(repo.git.gitdir, commit, {}));
  }

  async checkout(repoURL: string, commit: string): Promise<Checkout> {
    const repo = await this.open(repoURL);
    if (!/^[0-9a-f]{40}$/.test(commit)) {
      throw new SourceError('revision-not-found', `checkout needs a full commit SHA, got "${commit}"`);
    }
    const dest = path.join(this.options.cacheDir, 'checkouts', repo.location.key, commit);
    let pending = this.checkouts.get(dest);
    if (!pending) {
      pending = this.guard(repo, async () => {
        const { dir, refusedSymlinks } = await materializeCheckout(repo.git, commit, dest, this.limits);
        return { dir, commit, refusedSymlinks };
      });
      this.checkouts.set(dest, pending);
      pending.catch(() => this.checkouts.delete(dest));
    }
    return pending;
  }

  async changedFiles(repoURL: string, from: string, to: string): Promise<string[]> {
    const repo = await this.open(repoURL);
    return this.guard(repo, async () => {
      const cache = {};
      const trees = await Promise.all([from, to].map(c => rootTreeOf(repo.git, c, cache)));
      return changedPaths(repo.git.gitdir, trees[0], trees[1], cache);
    });
  }

  /** Opens (and for remote URLs initialises) the cache repository of a URL. */
  private open(repoURL: string): Promise<OpenRepo> {
    const location = this.locate(repoURL);
    const cacheKey = `${location.kind}:${location.key}`;
    let pending = this.opened.get(cacheKey);
    if (!pending) {
      pending = this.openLocation(location);
      this.opened.set(cacheKey, pending);
      pending.catch(() => this.opened.delete(cacheKey));
    }
    return pending;
  }

  /** Where a URL points, parsed once (every refresh asks); bounded, as URLs come from users. */
  private locate(repoURL: string): RepoLocation & { configured?: boolean } {
    let location = this.located.get(repoURL);
    if (!location) {
      location = this.parseLocation(repoURL);
      if (this.located.size >= LOCATIONS_KEPT) {
        this.located.clear();
      }
      this.located.set(repoURL, location);
    }
    return location;
  }

  private parseLocation(repoURL: string): RepoLocation & { configured?: boolean } {
    const baseDir = this.options.localBaseDir ?? process.cwd();
    const mapped = findRepositoryLocalPath(this.options.localPaths ?? [], repoURL);
    if (mapped) {
      const local = parseRepoLocation(mapped.localPath, baseDir);
      return { ...local, label: `${redactUrl(repoURL)} (local folder ${mapped.localPath})`, configured: true };
    }
    return parseRepoLocation(repoURL, baseDir);
  }

  private async openLocation(location: RepoLocation & { configured?: boolean }): Promise<OpenRepo> {
    if (location.kind === 'local') {
      if (this.options.allowLocalRepositories === false && !location.configured) {
        throw new SourceError(
          'invalid-url',
          `Local repositories are disabled; ${location.label} must be an https:// URL`,
        );
      }
      const local = await findLocalRepository(location.dir, location.label);
      return { location, git: { ...local, label: location.label } };
    }
    const gitdir = path.join(this.options.cacheDir, 'repos', `${location.key}.git`);
    if (!fs.existsSync(path.join(gitdir, 'HEAD'))) {
      await fs.promises.mkdir(gitdir, { recursive: true });
      await git.init({ fs: gitFs, dir: gitdir, bare: true });
    }
    // The remote keeps fetched branches as refs/remotes/origin/*, which later
    // fetches announce as "haves" so that only new objects are transferred.
    await git.addRemote({ fs: gitFs, gitdir, remote: 'origin', url: withoutUserInfo(location.url), force: true });
    return { location, git: { gitdir, subdir: '', label: location.label } };
  }

  /**
   * Lists the remote's refs (one small request) and fetches only when the
   * cache lacks a commit they point at; listings are shared between callers
   * as {@link SharedRefListings} describes.
   */
  private refresh(repo: OpenRepo, options: SourceCallOptions): Promise<AdvertisedRef[]> {
    return this.listings.refs(repo.location.key, options, () => this.guard(repo, () => this.doRefresh(repo, options)));
  }

  private async doRefresh(repo: OpenRepo, options: SourceCallOptions): Promise<AdvertisedRef[]> {
    if (repo.location.kind !== 'remote') {
      return localRefs(repo.git.gitdir);
    }
    const url = repo.location.url;
    const auth = this.authCallbacks(url);
    const advertised = await git.listServerRefs({
      http: this.withSignal(options.signal),
      url,
      protocolVersion: 1,
      symrefs: true,
      peelTags: true,
      ...auth,
    });
    const refs: AdvertisedRef[] = readableRefs(advertised);
    const missing: string[] = [];
    for (const commit of advertisedCommits(refs)) {
      if (!(await this.has(repo, commit))) {
        missing.push(commit);
      }
    }
    if (missing.length > 0) {
      const started = Date.now();
      await git.fetch({
        fs: gitFs,
        http: this.withSignal(options.signal),
        gitdir: repo.git.gitdir,
        url,
        singleBranch: false,
        tags: true,
        prune: true,
        pruneTags: true,
        cache: {},
        ...auth,
      });
      this.options.logger?.info(`Fetched ${repo.location.label}`, {
        newCommits: missing.length,
        durationMs: Date.now() - started,
      });
    } else {
      this.options.logger?.debug(`${repo.location.label} is unchanged; no fetch needed`);
    }
    return refs;
  }

  /**
   * Whether the repository holds an object. A hit in a cache repository is
   * remembered: looking an object up reads the index of every pack, and each
   * fetch adds a pack.
   */
  private async has(repo: OpenRepo, oid: string): Promise<boolean> {
    const remote = repo.location.kind === 'remote';
    const known = remote ? this.present.get(repo.location.key) : undefined;
    if (known?.has(oid)) {
      return true;
    }
    const found = await hasObject(repo.git.gitdir, oid);
    if (found && remote) {
      const set = known ?? new Set<string>();
      if (set.size >= MAX_REMEMBERED_COMMITS) {
        set.clear();
      }
      set.add(oid);
      this.present.set(repo.location.key, set);
    }
    return found;
  }

  private authCallbacks(url: string) {
    const found = this.credentials.find(url);
    return {
      onAuth: () => (found ? { username: found.username, password: found.password } : { cancel: true }),
      onAuthFailure: () => ({ cancel: true }),
    };
  }

  private withSignal(signal?: AbortSignal): HttpClient {
    if (!signal) {
      return this.http;
    }
    return { request: req => this.http.request({ ...req, signal }) };
  }

  /** Runs `work`, translating errors into SourceErrors without credentials. */
  private async guard<T>(repo: OpenRepo, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw translateGitError(e, repo.location.label, this.credentials.secrets());
    }
  }
}
