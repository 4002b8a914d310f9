import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { resolveConfined } from './confine';
import { isJsonnetFile, JsonnetRenderer, type JsonnetSetup } from './JsonnetRenderer';
import { ManifestParseError, parseManifests } from './parseManifests';
import { SpawnProcessRunner, type ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import type { DirectorySourceOptions, RenderLimits } from './types';

export interface DirectoryRenderInput {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Real path of the source's folder (inside root). */
  appDir: string;
  options?: DirectorySourceOptions;
  limits: RenderLimits;
  /** How `*.jsonnet` files are evaluated; without it they fail with a message saying so. */
  jsonnet?: JsonnetSetup;
}

const NO_JSONNET: JsonnetSetup = {
  program: { problem: 'no jsonnet was given to this renderer; install jsonnet or set slipway.tools.jsonnet' },
  environment: {},
  workDir: () => Promise.reject(new Error('no scratch folder')),
  secrets: [],
};

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Argo CD's marker for files a directory source must not render. */
const SKIP_MARKER = '+argocd:skip-file-rendering';

/**
 * Argo CD skips a YAML file whose first document is not a Kubernetes object
 * (a values.yaml, a tool's configuration) unless the file looks like a
 * manifest, one with `apiVersion:`, `kind:` and `metadata:` in it; JSON
 * files are always manifests.
 */
function isUnrelatedYaml(rel: string, text: string, error: ManifestParseError): boolean {
  return (
    /\.ya?ml$/i.test(rel) &&
    error.documentsBefore === 0 &&
    !(text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:'))
  );
}

/** A file the walk found: its path relative to the source folder, and whether it is a symlink. */
interface CollectedFile {
  rel: string;
  symlink: boolean;
}

function globMatcher(pattern: string | undefined): ((p: string) => boolean) | undefined {
  if (!pattern || pattern.trim() === '') {
    return undefined;
  }
  // Like Argo CD, a pattern without `/` (e.g. `*.yaml`) matches in every subfolder.
  const p = pattern.trim();
  return picomatch(p, { dot: true, basename: !p.includes('/') });
}

/**
 * Renders a plain directory like Argo CD's directory source: `.yaml`, `.yml`
 * and `.json` files read, `.jsonnet` files evaluated with jsonnet (see
 * JsonnetRenderer; `.libsonnet` files are only imported), in path order;
 * subfolders when `recurse` is set, `include`/`exclude` globs matched
 * against the path relative to the source folder; other files are ignored.
 */
export class DirectoryRenderer {
  private readonly jsonnet: JsonnetRenderer;

  /** `runner` runs jsonnet (default: in this process). */
  constructor(runner: ProcessRunner = new SpawnProcessRunner()) {
    this.jsonnet = new JsonnetRenderer(runner);
  }

  async render(input: DirectoryRenderInput): Promise<KubeObject[]> {
    const { appName, limits } = input;
    const include = globMatcher(input.options?.include);
    const exclude = globMatcher(input.options?.exclude);
    const files: CollectedFile[] = [];
    await this.collect(input, input.appDir, '', files, { count: 0 });

    const out: KubeObject[] = [];
    let bytes = 0;
    for (const { rel, symlink } of files) {
      if (exclude?.(rel) || (include && !include(rel))) {
        continue;
      }
      // a plain file found by walking real folders is inside them; only a symlink needs its target checked
      const real = symlink
        ? (await resolveConfined({ appName, root: input.root, base: input.appDir, target: rel, what: 'manifest file' }))
            .path
        : path.join(input.appDir, ...rel.split('/'));
      if (isJsonnetFile(rel)) {
        const evaluated = await this.jsonnet.render({
          appName,
          root: input.root,
          appDir: input.appDir,
          file: rel,
          options: input.options?.jsonnet,
          setup: input.jsonnet ?? NO_JSONNET,
          limits,
        });
        bytes += evaluated.bytes;
        this.checkSize(appName, bytes, limits);
        out.push(...evaluated.manifests);
        continue;
      }
      const text = await fs.promises.readFile(real, 'utf8');
      bytes += Buffer.byteLength(text);
      this.checkSize(appName, bytes, limits);
      if (text.includes(SKIP_MARKER)) {
        continue;
      }
      try {
        out.push(...parseManifests(text, { origin: `"${rel}"`, maxAliasCount: limits.maxAliasCount }));
      } catch (e) {
        if (e instanceof ManifestParseError && isUnrelatedYaml(rel, text, e)) {
          continue;
        }
        if (e instanceof ManifestParseError) {
          throw new RenderError('invalid-manifest', appName, e.message);
        }
        throw e;
      }
    }
    return out;
  }

  private checkSize(appName: string, bytes: number, limits: RenderLimits): void {
    if (bytes > limits.maxManifestBytes) {
      throw new RenderError(
        'limit-exceeded',
        appName,
        `the manifests of the directory source exceed ${limits.maxManifestBytes} bytes; ` +
          'narrow it with directory.include/exclude or raise the limit',
      );
    }
  }

  private async collect(
    input: DirectoryRenderInput,
    dir: string,
    rel: string,
    out: CollectedFile[],
    counter: { count: number },
  ): Promise<void> {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (input.options?.recurse && entry.name !== '.git') {
          await this.collect(input, path.join(dir, entry.name), childRel, out, counter);
        }
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) {
        continue;
      }
      counter.count += 1;
      if (counter.count > input.limits.maxFiles) {
        throw new RenderError(
          'limit-exceeded',
          input.appName,
          `the directory source has more than ${input.limits.maxFiles} files; ` +
            'point source.path at a smaller folder or raise the file limit',
        );
      }
      if (MANIFEST_FILE.test(entry.name) || isJsonnetFile(entry.name)) {
        if (entry.isSymbolicLink()) {
          const stat = await fs.promises.stat(path.join(dir, entry.name)).catch(() => undefined);
          if (!stat?.isFile()) {
            continue;
          }
        }
        out.push({ rel: childRel, symlink: entry.isSymbolicLink() });
      }
    }
  }
}
