import { InputError } from '@backstage/errors';
import {
  expandApplicationSet,
  normalizeRepoURL,
  WorkingTreeGitReader,
} from '@slipway/plugin-slipway-node';
import type {
  Application,
  ApplicationSet,
  ClusterInfo,
  ExpansionContext,
  GitFile,
  GitReader,
} from '@slipway/plugin-slipway-node';

/** Compares repository URLs as Argo CD does: no case, trailing `/` or `.git`. */
export function sameRepo(a: string, b: string): boolean {
  return normalizeRepoURL(a) === normalizeRepoURL(b);
}

/**
 * A GitReader over the working tree of the repository being edited. It
 * answers only for that repository and for the revisions the working tree
 * stands for: a generator reading another repository or branch would see
 * something else after the commit, so its expansion fails with a message.
 */
export class EditedRepoGitReader implements GitReader {
  private readonly tree: WorkingTreeGitReader;

  constructor(
    dir: string,
    private readonly repoURL: string,
    private readonly revisions: string[],
  ) {
    this.tree = new WorkingTreeGitReader(dir);
  }

  private check(repoURL: string, revision: string) {
    if (!sameRepo(repoURL, this.repoURL)) {
      throw new Error(
        `the git generator reads ${repoURL}, not the repository being changed (${this.repoURL}); ` +
          'add the environment in that repository',
      );
    }
    const rev = revision || 'HEAD';
    if (!this.revisions.includes(rev)) {
      throw new Error(
        `the git generator reads revision '${rev}', but the change is committed on top of ` +
          `'${this.revisions.filter(r => r !== 'HEAD').join("' / '")}'`,
      );
    }
  }

  async listDirectories(repoURL: string, revision: string, pathGlob: string): Promise<string[]> {
    this.check(repoURL, revision);
    return this.tree.listDirectories(repoURL, revision, pathGlob);
  }

  async readFiles(repoURL: string, revision: string, pathGlob: string): Promise<GitFile[]> {
    this.check(repoURL, revision);
    return this.tree.readFiles(repoURL, revision, pathGlob);
  }
}

/** Expands an ApplicationSet; any expansion error is an InputError starting with `when`. */
export async function expandOrRefuse(
  set: ApplicationSet,
  context: ExpansionContext & { clusters: ClusterInfo[]; git: GitReader },
  when: string,
): Promise<Application[]> {
  const result = await expandApplicationSet(set, context);
  if (result.errors.length > 0) {
    throw new InputError(
      `${when}: ${result.errors.map(e => e.message).join('; ')}`,
    );
  }
  return result.applications;
}

/** The sources of an Application (`spec.sources`, or `spec.source`). */
export function sourcesOf(app: Application): Array<Record<string, any>> {
  const spec = app.spec as Record<string, any>;
  if (Array.isArray(spec.sources)) return spec.sources;
  return spec.source ? [spec.source] : [];
}

/** The destination of an Application. */
export function destinationOf(app: Application): { name?: string; server?: string; namespace?: string } {
  return ((app.spec as Record<string, any>).destination ?? {}) as any;
}
