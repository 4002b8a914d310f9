import fs from 'node:fs';
import path from 'node:path';
import { DirectoryRenderer } from './DirectoryRenderer';
import { RenderError } from './RenderError';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './types';
import { tmpDir } from './__fixtures__/repos';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

async function repoWith(files: Record<string, string>): Promise<string> {
  const root = await fs.promises.realpath(await tmpDir('slipway-dir-'));
  for (const [p, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.promises.writeFile(path.join(root, p), content);
  }
  return root;
}

async function names(root: string, options = {}, limits: Partial<RenderLimits> = {}) {
  const objs = await new DirectoryRenderer().render({
    appName: 'dir-app',
    root,
    appDir: path.join(root, 'app'),
    options,
    limits: { ...DEFAULT_RENDER_LIMITS, ...limits },
  });
  return objs.map(o => `${o.kind}/${o.metadata.name}`);
}

describe('DirectoryRenderer', () => {
  let root: string;

  beforeAll(async () => {
    root = await repoWith({
      'app/a.yaml': `${cm('a1')}---\n${cm('a2')}---\n`,
      'app/b.json': JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' } }),
      'app/list.yml': [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: l1}}',
        '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: l2}}',
        '',
      ].join('\n'),
      'app/README.md': '# not a manifest',
      'app/script.sh': 'echo hi',
      'app/sub/c.yaml': cm('c'),
      'app/sub/deeper/d.yaml': cm('d'),
      'app/skipped.yaml': `# +argocd:skip-file-rendering\n${cm('skipped')}`,
    });
  });

  it('reads YAML documents, JSON and flattened Lists of the folder only, ignoring other files', async () => {
    expect(await names(root)).toEqual([
      'ConfigMap/a1',
      'ConfigMap/a2',
      'Service/b',
      'ConfigMap/l1',
      'ConfigMap/l2',
    ]);
  });

  it('descends into subfolders with recurse', async () => {
    expect(await names(root, { recurse: true })).toEqual(
      expect.arrayContaining(['ConfigMap/c', 'ConfigMap/d', 'ConfigMap/a1']),
    );
  });

  it('applies include and exclude globs to paths relative to the source folder', async () => {
    expect(await names(root, { recurse: true, include: 'sub/**' })).toEqual(['ConfigMap/c', 'ConfigMap/d']);
    expect(await names(root, { recurse: true, include: '{a.yaml,b.json}' })).toEqual([
      'ConfigMap/a1',
      'ConfigMap/a2',
      'Service/b',
    ]);
    expect(await names(root, { recurse: true, exclude: 'sub/deeper/*' })).not.toContain('ConfigMap/d');
    expect(await names(root, { recurse: true, include: '*.yaml', exclude: 'a.yaml' })).toEqual([
      'ConfigMap/c',
      'ConfigMap/d',
    ]);
  });

  it('skips an unrelated YAML file, as Argo CD does, but not a broken manifest', async () => {
    const unrelated = await repoWith({
      'app/cm.yaml': cm('kept'),
      'app/values.yaml': 'replicas: 3\nimage: {tag: "1.2"}\n',
      'app/.pre-commit-config.yaml': 'repos:\n  - repo: local\n',
      'app/notes.yaml': '- a list, not an object\n',
    });
    expect(await names(unrelated)).toEqual(['ConfigMap/kept']);

    // apiVersion:, kind: and metadata: in it: meant as a manifest
    const broken = await repoWith({ 'app/deploy.yaml': 'apiVersion: apps/v1\nkind:\nmetadata: {name: web}\n' });
    const error = await names(broken).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('invalid-manifest');
    expect(error.message).toContain('deploy.yaml');
    expect(error.message).toContain('Application "dir-app"');

    // a file whose first documents are objects was meant as manifests too
    const secondBad = await repoWith({ 'app/two.yaml': `${cm('first')}---\nreplicas: 3\n` });
    expect((await names(secondBad).catch(e => e)).message).toContain('"two.yaml" document 2 is not a Kubernetes object');

    // JSON files are always read as manifests
    const json = await repoWith({ 'app/settings.json': '{"replicas": 3}' });
    expect((await names(json).catch(e => e)).reason).toBe('invalid-manifest');
  });

  it('enforces the manifest size and file count limits', async () => {
    const big = await repoWith({ 'app/big.yaml': `${cm('big')}data:\n  x: "${'x'.repeat(5000)}"\n` });
    const sizeError = await names(big, {}, { maxManifestBytes: 1000 }).catch(e => e);
    expect(sizeError.reason).toBe('limit-exceeded');
    const countError = await names(root, { recurse: true }, { maxFiles: 3 }).catch(e => e);
    expect(countError.reason).toBe('limit-exceeded');
  });

  it('refuses a YAML alias bomb', async () => {
    const bomb = await repoWith({
      'app/bomb.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: bomb}',
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        '',
      ].join('\n'),
    });
    const error = await names(bomb).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('invalid-manifest');
  });

  it('does not follow a symlinked manifest out of the repository', async () => {
    const linked = await repoWith({ 'app/ok.yaml': cm('ok') });
    const outside = await repoWith({ 'secret.yaml': cm('outside') });
    await fs.promises.symlink(path.join(outside, 'secret.yaml'), path.join(linked, 'app', 'secret.yaml'));
    const error = await names(linked).catch(e => e);
    expect(error.reason).toBe('symlink-outside-repository');
    expect(error.message).toContain('secret.yaml');
  });

  it('reads a symlinked manifest whose target stays inside the repository', async () => {
    const repo = await repoWith({ 'app/ok.yaml': cm('ok'), 'shared/common.yaml': cm('common') });
    await fs.promises.symlink(path.join('..', 'shared', 'common.yaml'), path.join(repo, 'app', 'common.yaml'));
    expect(await names(repo)).toEqual(['ConfigMap/common', 'ConfigMap/ok']);
  });
});
