import { ManifestGeneratePathsRenderer } from './ManifestGeneratePathsRenderer';
import type { RenderRequest, RenderResult } from './types';

const REPO = 'https://git.example.com/mono.git';
const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const C3 = '3'.repeat(40);

function setup(changes: Record<string, string[]>) {
  const rendered: string[] = [];
  const inner = {
    render: async (request: RenderRequest): Promise<RenderResult> => {
      const commit = request.source!.targetRevision!;
      rendered.push(commit);
      return {
        manifests: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `at-${commit.slice(0, 1)}` },
          },
        ],
        sources: [
          {
            repoURL: REPO,
            revision: commit,
            type: 'Directory',
            path: 'apps/web',
          },
        ],
        warnings: [],
        cached: false,
      };
    },
  };
  const asked: string[] = [];
  const git = {
    changedFiles: async (_repo: string, from: string, to: string) => {
      asked.push(`${from.slice(0, 1)}..${to.slice(0, 1)}`);
      const files = changes[`${from.slice(0, 1)}..${to.slice(0, 1)}`];
      if (!files) throw new Error('commit not fetched');
      return files;
    },
  };
  const renderer = new ManifestGeneratePathsRenderer(inner, git);
  const request = (
    commit: string,
    extra: Partial<RenderRequest> = {},
  ): RenderRequest => ({
    appName: 'web',
    source: { repoURL: REPO, path: 'apps/web', targetRevision: commit },
    manifestGeneratePaths: '.;/shared',
    ...extra,
  });
  return { renderer, rendered, asked, request };
}

describe('ManifestGeneratePathsRenderer', () => {
  it("takes over the last render for a commit that changes none of the application's paths, at the new commit", async () => {
    const t = setup({ '1..2': ['apps/api/deployment.yaml', 'README.md'] });
    await t.renderer.render(t.request(C1));
    const second = await t.renderer.render(t.request(C2));
    expect(t.rendered).toEqual([C1]);
    expect(second.cached).toBe(true);
    expect(second.sources).toEqual([
      { repoURL: REPO, revision: C2, type: 'Directory', path: 'apps/web' },
    ]);
    expect(second.manifests[0].metadata.name).toBe('at-1');
  });

  it('renders again when a changed file is in its folder or an absolute path the annotation names', async () => {
    const t = setup({
      '1..2': ['apps/web/deployment.yaml'],
      '2..3': ['shared/values.yaml'],
    });
    await t.renderer.render(t.request(C1));
    await t.renderer.render(t.request(C2));
    await t.renderer.render(t.request(C3));
    expect(t.rendered).toEqual([C1, C2, C3]);
  });

  it('compares with the last commit seen, even when that one was taken over', async () => {
    const t = setup({
      '1..2': ['README.md'],
      '2..3': ['apps/web/service.yaml'],
    });
    await t.renderer.render(t.request(C1));
    await t.renderer.render(t.request(C2));
    await t.renderer.render(t.request(C3));
    expect(t.asked).toEqual(['1..2', '2..3']);
    expect(t.rendered).toEqual([C1, C3]);
  });

  it('renders when in doubt: no annotation, a hard refresh, a branch instead of a commit, a diff that fails, another spec', async () => {
    const t = setup({ '1..2': ['README.md'] });
    await t.renderer.render(
      t.request(C1, { manifestGeneratePaths: undefined }),
    );
    await t.renderer.render(
      t.request(C2, { manifestGeneratePaths: undefined }),
    );
    expect(t.rendered).toEqual([C1, C2]);

    await t.renderer.render(t.request(C1));
    await t.renderer.render(t.request(C2, { fresh: true }));
    expect(t.rendered).toEqual([C1, C2, C1, C2]);

    await t.renderer.render(t.request('main'));
    expect(t.rendered.at(-1)).toBe('main');

    await t.renderer.render(t.request(C3)); // 2..3 cannot be diffed
    expect(t.rendered.at(-1)).toBe(C3);

    // another destination namespace is another render
    await t.renderer.render(t.request(C1, { destinationNamespace: 'other' }));
    expect(t.rendered.at(-1)).toBe(C1);
  });

  it('treats a commit that changes no file as no change, as Argo CD does', async () => {
    const t = setup({ '1..2': [] });
    await t.renderer.render(t.request(C1));
    await t.renderer.render(t.request(C2));
    expect(t.rendered).toEqual([C1]);
  });
});
