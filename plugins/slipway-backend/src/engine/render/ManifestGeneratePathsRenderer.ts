import {
  manifestGeneratePaths,
  manifestGeneratePathsChanged,
  type Source,
} from '@slipway/plugin-slipway-node';
import type { Renderer, RenderRequest, RenderResult } from './types';

const SHA = /^[0-9a-f]{40}$/;
/** Applications remembered; the oldest is forgotten beyond this. */
const MAX_REMEMBERED = 10_000;

/**
 * Argo CD's `argocd.argoproj.io/manifest-generate-paths`: an application
 * that names the paths its manifests come from is not rendered again for a
 * commit that changes none of them (the repo server's UpdateRevisionForPaths);
 * its last render is taken over for the new commit. Only Git sources pinned
 * to commits qualify; a hard refresh renders anyway, and so does any doubt
 * (no previous render, a commit diff that fails).
 */
export class ManifestGeneratePathsRenderer implements Renderer {
  private readonly last = new Map<
    string,
    { commits: string[]; result: RenderResult }
  >();

  constructor(
    private readonly inner: Renderer,
    private readonly git: Pick<Source, 'changedFiles'>,
  ) {}

  async render(request: RenderRequest): Promise<RenderResult> {
    // `sources` wins over `source`, as in the renderer
    let sources = request.source ? [request.source] : [];
    if (request.sources?.length) sources = request.sources;
    if (
      !request.manifestGeneratePaths ||
      !this.git.changedFiles ||
      sources.length === 0
    )
      return this.inner.render(request);
    if (sources.some(s => s.chart || !SHA.test(s.targetRevision ?? '')))
      return this.inner.render(request);
    const commits = sources.map(s => s.targetRevision!);
    const {
      fresh: _fresh,
      source: _source,
      sources: _sources,
      ...rest
    } = request;
    const identity = JSON.stringify([
      rest,
      sources.map(s => ({ ...s, targetRevision: undefined })),
    ]);
    const previous = this.last.get(identity);
    if (previous && !request.fresh) {
      const reused = await this.reuse(
        request.manifestGeneratePaths,
        sources,
        previous,
        commits,
      );
      if (reused) {
        this.remember(identity, commits, reused);
        return reused;
      }
    }
    const result = await this.inner.render(request);
    this.remember(identity, commits, result);
    return result;
  }

  /** The previous render at the new commits, when no changed file is on the paths; undefined otherwise. */
  private async reuse(
    annotation: string,
    sources: NonNullable<RenderRequest['sources']>,
    previous: { commits: string[]; result: RenderResult },
    commits: string[],
  ): Promise<RenderResult | undefined> {
    let changed: string[];
    try {
      const lists = await Promise.all(
        sources.map((s, i) =>
          previous.commits[i] === commits[i]
            ? []
            : this.git.changedFiles!(
                s.repoURL,
                previous.commits[i],
                commits[i],
              ),
        ),
      );
      changed = lists.flat();
    } catch {
      return undefined;
    }
    const paths = manifestGeneratePaths(
      annotation,
      sources.map(s => s.path ?? ''),
    );
    // an empty diff changes nothing, as in Argo CD's repo server
    if (changed.length > 0 && manifestGeneratePathsChanged(paths, changed))
      return undefined;
    const moved = new Map(previous.commits.map((c, i) => [c, commits[i]]));
    return {
      ...previous.result,
      sources: previous.result.sources.map(s => ({
        ...s,
        revision: moved.get(s.revision) ?? s.revision,
      })),
      cached: true,
    };
  }

  private remember(identity: string, commits: string[], result: RenderResult) {
    this.last.delete(identity);
    this.last.set(identity, { commits, result });
    if (this.last.size > MAX_REMEMBERED)
      this.last.delete(this.last.keys().next().value!);
  }
}
