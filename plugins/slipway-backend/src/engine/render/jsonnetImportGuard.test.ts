import fs from 'node:fs';
import path from 'node:path';
import { confineJsonnetImports } from './jsonnetImportGuard';
import { RenderError } from './RenderError';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './types';
import { tmpDir } from './__fixtures__/repos';

/** Files of `<top>/w/`: the repository is `<top>/w/repo`, anything else lies outside it. */
async function layout(files: Record<string, string>): Promise<{ top: string; base: string; root: string }> {
  const top = await fs.promises.realpath(await tmpDir('slipway-jsonnet-guard-'));
  const base = path.join(top, 'w');
  const root = path.join(base, 'repo');
  for (const [p, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(base, p)), { recursive: true });
    await fs.promises.writeFile(path.join(base, p), content);
  }
  await fs.promises.mkdir(root, { recursive: true });
  return { top, base, root };
}

function guard(root: string, file: string, extra: { searchDirs?: string[]; limits?: Partial<RenderLimits> } = {}) {
  return confineJsonnetImports({
    appName: 'guarded',
    root,
    file: path.join(root, file),
    display: `"${file}"`,
    searchDirs: extra.searchDirs ?? [path.join(root, path.dirname(file))],
    cwd: path.join(root, path.dirname(file)),
    codeValues: [],
    limits: { ...DEFAULT_RENDER_LIMITS, ...extra.limits },
  });
}

describe('confineJsonnetImports', () => {
  it('accepts imports of the repository, through library folders and cycles, and leaves missing ones to jsonnet', async () => {
    const { root } = await layout({
      'repo/app/main.jsonnet': "local a = import 'a.libsonnet'; local k = import 'k.libsonnet'; [a, k, import 'missing.libsonnet']",
      'repo/app/a.libsonnet': "{ b: import 'sub/b.libsonnet' }",
      'repo/app/sub/b.libsonnet': "{ a: import '../a.libsonnet', text: importstr '../../data/text.txt' }",
      'repo/data/text.txt': 'hello',
      'repo/lib/k.libsonnet': '{}',
    });
    await expect(guard(root, 'app/main.jsonnet', { searchDirs: [path.join(root, 'app'), path.join(root, 'lib')] })).resolves.toBeUndefined();
  });

  it('refuses an import that reaches a file outside the repository through a symlink', async () => {
    const { base, root } = await layout({
      'repo/app/main.jsonnet': "import 'link/secret.libsonnet'",
      'outside/secret.libsonnet': '{ password: 1 }',
    });
    await fs.promises.symlink(path.join(base, 'outside'), path.join(root, 'app', 'link'));

    const error = await guard(root, 'app/main.jsonnet').catch(e => e);

    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('symlink-outside-repository');
    expect(error.message).toContain('"app/main.jsonnet" line 1: import "link/secret.libsonnet" leads through a symlink');
  });

  it('refuses a path that only go-jsonnet, which cleans ".." before reading, would take outside', async () => {
    // repo/link -> repo/a/b/c: read physically, link/../../../x.libsonnet is repo/x.libsonnet;
    // cleaned first, it is two folders above the repository
    const { top, root } = await layout({
      'repo/main.jsonnet': "import 'link/../../../x.libsonnet'",
      'repo/a/b/c/keep': '',
      'repo/x.libsonnet': '{}',
    });
    await fs.promises.symlink(path.join(root, 'a', 'b', 'c'), path.join(root, 'link'));
    await expect(guard(root, 'main.jsonnet')).resolves.toBeUndefined();

    await fs.promises.writeFile(path.join(top, 'x.libsonnet'), '{ outside: true }');
    const error = await guard(root, 'main.jsonnet').catch(e => e);

    expect(error.reason).toBe('path-outside-repository');
    expect(error.message).toContain('import "link/../../../x.libsonnet" resolves outside the repository');
  });

  it('reads imported programs within the file limit', async () => {
    const { root } = await layout({
      'repo/main.jsonnet': "import '1.libsonnet'",
      'repo/1.libsonnet': "import '2.libsonnet'",
      'repo/2.libsonnet': "import '3.libsonnet'",
      'repo/3.libsonnet': '{}',
    });
    const error = await guard(root, 'main.jsonnet', { limits: { maxFiles: 2 } }).catch(e => e);
    expect(error.reason).toBe('limit-exceeded');
    expect(error.message).toContain('"main.jsonnet" imports more than 2 Jsonnet files');
    await expect(guard(root, 'main.jsonnet', { limits: { maxFiles: 3 } })).resolves.toBeUndefined();
  });

  it('names the file and line of text jsonnet cannot read', async () => {
    const { root } = await layout({ 'repo/main.jsonnet': "{\n  a: 'open\n}\n" });
    const error = await guard(root, 'main.jsonnet').catch(e => e);
    expect(error.reason).toBe('invalid-source');
    expect(error.message).toContain('"main.jsonnet" line 2: a string is not closed; fix the Jsonnet syntax');
  });
});
