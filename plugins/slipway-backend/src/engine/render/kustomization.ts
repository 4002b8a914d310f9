import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { resolveConfined } from './confine';
import { RenderError } from './RenderError';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** What a kustomization and the local bases it reaches need. */
export interface KustomizationAnalysis {
  usesHelmCharts: boolean;
  /** Remote targets (URLs, Git bases, remote charts), as written. */
  remote: string[];
  /** Real paths of every kustomization folder reached, the source's first. */
  folders: string[];
}

/** Is a kustomize target remote (a URL, a Git base, go-getter syntax)? */
export function isRemoteTarget(target: string): boolean {
  const t = target.trim();
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ||
    /^git(::|@)/i.test(t) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(t) ||
    /\?(ref|version|timeout|submodules)=/.test(t) ||
    /^[\w.-]+\.[a-z]{2,}\/[^/]+\/[^/]+\/\//i.test(t)
  );
}

/** Finds the kustomization file of a folder, if any. */
export function kustomizationFileIn(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
      return candidate;
    }
  }
  return undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Walks a kustomization and every local base, component, generator and
 * transformer folder it references (each confined to the repository root),
 * collecting remote references and whether Helm charts are inflated.
 */
export async function analyzeKustomization(
  appName: string,
  root: string,
  dir: string,
  maxAliasCount: number,
): Promise<KustomizationAnalysis> {
  const result: KustomizationAnalysis = { usesHelmCharts: false, remote: [], folders: [] };
  const seen = new Set<string>();
  const visit = async (folder: string): Promise<void> => {
    if (seen.has(folder)) {
      return;
    }
    seen.add(folder);
    const file = kustomizationFileIn(folder);
    if (!file) {
      return;
    }
    result.folders.push(folder);
    let doc: Record<string, unknown>;
    try {
      doc = (parse(await fs.promises.readFile(file, 'utf8'), { maxAliasCount }) ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new RenderError(
        'invalid-manifest',
        appName,
        `${path.relative(root, file)} is not valid YAML: ${(e as Error).message}`,
      );
    }
    const folderTargets = [
      ...strings(doc.resources),
      ...strings(doc.bases),
      ...strings(doc.components),
      ...strings(doc.generators),
      ...strings(doc.transformers),
      ...strings(doc.validators),
    ];
    const charts = Array.isArray(doc.helmCharts) ? (doc.helmCharts as Array<Record<string, unknown>>) : [];
    if (charts.length > 0) {
      result.usesHelmCharts = true;
    }
    for (const chart of charts) {
      if (typeof chart?.repo === 'string' && chart.repo.trim() !== '') {
        result.remote.push(`helm chart ${String(chart.name ?? '')} from ${chart.repo}`);
      }
      for (const values of [chart?.valuesFile, ...strings(chart?.additionalValuesFiles)]) {
        if (typeof values === 'string' && isRemoteTarget(values)) {
          result.remote.push(values);
        }
      }
    }
    for (const target of folderTargets) {
      if (isRemoteTarget(target)) {
        result.remote.push(target);
        continue;
      }
      if (target.startsWith('/')) {
        throw new RenderError(
          'path-outside-repository',
          appName,
          `${path.relative(root, file)} references the absolute path "${target}"; ` +
            'use a path relative to the kustomization inside the repository',
        );
      }
      const resolved = await resolveConfined({
        appName,
        root,
        base: folder,
        target,
        what: `kustomize reference "${path.relative(root, file)}" →`,
        hint: 'kustomize bases must live inside the repository',
      });
      if (resolved.exists && fs.statSync(resolved.path).isDirectory()) {
        await visit(resolved.path);
      }
    }
  };
  await visit(dir);
  return result;
}
