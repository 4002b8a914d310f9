import fs from 'node:fs';
import { redactUrl } from '@slipway/plugin-slipway-node';
import { resolveConfined } from './confine';
import { RenderError } from './RenderError';
import {
  applySourceOverrides,
  overrideFilesIn,
  SourceOverrideError,
  type SourceOverride,
} from './sourceOverrides';
import type { ApplicationSource, RenderLimits } from './types';

export interface SourceOverridesInput {
  appName: string;
  /** Argo CD's instance name of the application: names its own override file. */
  instanceName: string;
  source: ApplicationSource;
  commit: string;
  /** Real path of the repository root, and of the source's folder inside it. */
  root: string;
  appDir: string;
  /** Names of the files in the source's folder (already read to pick the source type). */
  fileNames: string[];
  limits: RenderLimits;
}

/**
 * The source with the override files of its folder merged in (see
 * sourceOverrides), and a warning per field the files set that Argo CD
 * does not know. A folder without such files costs nothing more.
 */
export async function readSourceOverrides(
  input: SourceOverridesInput,
): Promise<{ source: ApplicationSource; warnings: string[] }> {
  const { appName, source, commit } = input;
  const files = overrideFilesIn(input.fileNames, input.instanceName);
  if (files.length === 0) return { source, warnings: [] };
  const where = `${source.path ?? '.'} of ${redactUrl(
    source.repoURL,
  )} at ${commit}`;
  const overrides: SourceOverride[] = [];
  for (const file of files) {
    const { path, exists } = await resolveConfined({
      appName,
      root: input.root,
      base: input.appDir,
      target: file,
      what: 'parameter override file',
    });
    const stat = exists ? await fs.promises.stat(path) : undefined;
    // Argo CD skips a folder of that name
    if (!stat?.isFile()) continue;
    if (stat.size > input.limits.maxManifestBytes) {
      throw new RenderError(
        'limit-exceeded',
        appName,
        `${file} in ${where} is ${stat.size} bytes, over the manifest size limit; shorten it or raise the limit`,
      );
    }
    overrides.push({ file, text: await fs.promises.readFile(path, 'utf8') });
  }
  try {
    const merged = applySourceOverrides(source, overrides, {
      maxAliasCount: input.limits.maxAliasCount,
    });
    return {
      source: merged.source,
      warnings: merged.ignoredFields.map(
        f =>
          `${f} in ${where} is not a source field Argo CD knows; it is ignored`,
      ),
    };
  } catch (e) {
    if (e instanceof SourceOverrideError) {
      throw new RenderError(
        'invalid-source',
        appName,
        `parameter overrides in ${where} cannot be applied: ${e.message}; fix or remove the file`,
      );
    }
    throw e;
  }
}
