import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { resolveConfined } from './confine';
import { ManifestParseError, parseManifests } from './parseManifests';
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
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Argo CD's marker for files a directory source must not render. */
const SKIP_MARKER = '+argocd:skip-file-rendering';

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
 * and `.json` files (sorted by path), subfolders when `recurse` is set,
 * `include`/`exclude` globs matched against the path relative to the source
 * folder; other files are ignored.
 */
export class DirectoryRenderer {
  async render(input: DirectoryRenderInput): Promise<KubeObject[]> {
    const { appName, limits } = input;
    const include = globMatcher(input.options?.include);
    const exclude = globMatcher(input.options?.exclude);
    const files: string[] = [];
    await this.collect(input, input.appDir, '', files, { count: 0 });

    const out: KubeObject[] = [];
    let bytes = 0;
    for (const rel of files) {
      if (exclude?.(rel) || (include && !include(rel))) {
        continue;
      }
      if (/\.jsonnet$/i.test(rel)) {
        throw new RenderError(
          'invalid-source',
          appName,
          `"${rel}" is a Jsonnet file, which Slipway does not render; exclude it with directory.exclude`,
        );
      }
      const { path: real } = await resolveConfined({
        appName,
        root: input.root,
        base: input.appDir,
        target: rel,
        what: 'manifest file',
      });
      const text = await fs.promises.readFile(real, 'utf8');
      bytes += Buffer.byteLength(text);
      if (bytes > limits.maxManifestBytes) {
        throw new RenderError(
          'limit-exceeded',
          appName,
          `the manifests of the directory source exceed ${limits.maxManifestBytes} bytes; ` +
            'narrow it with directory.include/exclude or raise the limit',
        );
      }
      if (text.includes(SKIP_MARKER)) {
        continue;
      }
      try {
        out.push(...parseManifests(text, { origin: `"${rel}"`, maxAliasCount: limits.maxAliasCount }));
      } catch (e) {
        if (e instanceof ManifestParseError) {
          throw new RenderError('invalid-manifest', appName, e.message);
        }
        throw e;
      }
    }
    return out;
  }

  private async collect(
    input: DirectoryRenderInput,
    dir: string,
    rel: string,
    out: string[],
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
      if (MANIFEST_FILE.test(entry.name) || /\.jsonnet$/i.test(entry.name)) {
        if (entry.isSymbolicLink()) {
          const stat = await fs.promises.stat(path.join(dir, entry.name)).catch(() => undefined);
          if (!stat?.isFile()) {
            continue;
          }
        }
        out.push(childRel);
      }
    }
  }
}
