import fs from 'node:fs';
import path from 'node:path';
import { isInside, resolveConfined } from './confine';
import { copyConfined, type CopyBudget } from './confinedCopy';
import { RenderError } from './RenderError';

export interface ChartCopyRequest {
  appName: string;
  /** Real path of the repository root (or of the unpacked chart from a Helm repository). */
  root: string;
  /** Real path of the chart folder. */
  chartDir: string;
  /** The chart's `file://` dependencies: name, and path as written (relative to the chart). */
  localDependencies: Array<{ name: string; path: string }>;
  /** Empty scratch folder the copy is made in; it stands for the repository root. */
  copyRoot: string;
  maxFiles: number;
  /** The chart, for errors: `chart "app" at charts/app`. */
  label: string;
}

/** A folder to copy: its real path, and where Helm will look for it, relative to the root. */
interface Placement {
  real: string;
  relative: string;
  what: string;
}

/**
 * Copies a chart and the folders its `file://` dependencies point to into
 * `copyRoot`, each at its path relative to the repository root, so that
 * the relative `file://` paths in Chart.yaml find them in the copy. Each
 * dependency folder must lie inside the repository (lexically and through
 * symlinks), like every other path an Application names. Returns the
 * chart folder in the copy.
 */
export async function copyChartWithLocalDependencies(request: ChartCopyRequest): Promise<string> {
  const { appName, root, chartDir, label } = request;
  const chartRelative = path.relative(root, chartDir);
  const placements: Placement[] = [{ real: chartDir, relative: chartRelative, what: label }];
  for (const dependency of request.localDependencies) {
    const written = `file://${dependency.path}`;
    const owner = `dependency "${dependency.name}" of ${label}`;
    if (path.isAbsolute(dependency.path) || /^[a-z]:[\\/]/i.test(dependency.path) || dependency.path.startsWith('~')) {
      throw new RenderError(
        'path-outside-repository',
        appName,
        `${owner}: repository "${written}" is an absolute path; use a path relative to the chart inside the ` +
          'repository (file://../name), or vendor the chart in charts/',
      );
    }
    const resolved = await resolveConfined({
      appName,
      root,
      base: chartDir,
      target: dependency.path,
      what: `${owner}: repository`,
      display: written,
      hint: 'use a chart folder inside the repository, or vendor the chart in charts/',
    });
    if (!resolved.exists || !fs.statSync(resolved.path).isDirectory()) {
      throw new RenderError(
        'invalid-source',
        appName,
        `${owner}: repository "${written}" is not a folder of the repository; fix the repository in Chart.yaml, ` +
          'add the chart at that path, or vendor the chart in charts/',
      );
    }
    // Helm resolves the path from the chart folder as written, symlinks or not
    placements.push({
      real: resolved.path,
      relative: path.relative(root, path.resolve(chartDir, dependency.path)),
      what: `${owner} (${written})`,
    });
  }

  // outer folders first: a folder inside one already copied came with it
  placements.sort((a, b) => a.relative.length - b.relative.length);
  const copied: string[] = [];
  const budget: CopyBudget = { files: 0, maxFiles: request.maxFiles };
  for (const placement of placements) {
    const target = path.join(request.copyRoot, placement.relative);
    if (copied.some(c => isInside(c, target))) {
      continue;
    }
    await copyConfined({ appName, root, from: placement.real, to: target, budget, what: placement.what });
    copied.push(target);
  }
  return path.join(request.copyRoot, chartRelative);
}
