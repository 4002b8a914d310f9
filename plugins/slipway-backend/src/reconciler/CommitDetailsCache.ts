import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CommitDetails, Source } from '@slipway/plugin-slipway-node';
import type { CommitMetadata } from '../store';

/** Long messages are cut here: the cards show the first line, the tooltip a few more. */
const MAX_MESSAGE_CHARS = 4_000;

const FULL_SHA = /^[0-9a-f]{40}$/;

/** What a commit's author, message and date are read from. */
export type CommitDetailsReader = Pick<Source, 'commitDetails'>;

/**
 * Author, message and date per commit, read once and remembered (a commit
 * never changes). Reading is best effort: a failure is logged at debug level
 * and gives undefined, so that it never fails a reconcile or a sync.
 */
export class CommitDetailsCache {
  private readonly known = new Map<string, Promise<CommitMetadata | undefined>>();

  constructor(
    private readonly options: {
      source: CommitDetailsReader;
      logger: Pick<LoggerService, 'debug'>;
      /** Commits remembered (default 2 000); the oldest are forgotten first. */
      maxEntries?: number;
    },
  ) {}

  /** The metadata of `sha` in `repoURL`; undefined when it is not a full commit SHA or cannot be read. */
  get(repoURL: string, sha: string): Promise<CommitMetadata | undefined> {
    if (!FULL_SHA.test(sha)) return Promise.resolve(undefined);
    const key = `${repoURL}\n${sha}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const pending = this.read(repoURL, sha, key);
    this.known.set(key, pending);
    const max = this.options.maxEntries ?? 2_000;
    if (this.known.size > max) {
      this.known.delete(this.known.keys().next().value as string);
    }
    return pending;
  }

  private async read(repoURL: string, sha: string, key: string): Promise<CommitMetadata | undefined> {
    try {
      const details: CommitDetails = await this.options.source.commitDetails(repoURL, sha);
      return { author: details.author, message: details.message.slice(0, MAX_MESSAGE_CHARS), date: details.date };
    } catch (error) {
      // not remembered: the next reconcile tries again (the commit may not have been fetched yet)
      this.known.delete(key);
      this.options.logger.debug(`could not read commit ${sha} of ${repoURL}: ${(error as Error).message}`);
      return undefined;
    }
  }
}
