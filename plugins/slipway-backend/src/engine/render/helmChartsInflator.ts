import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { isInside, resolveConfined } from './confine';
import { helmTemplateArgs } from './helmArgs';
import { kustomizationFileIn } from './kustomization';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import { runTool, type RenderTools } from './runTool';
import type { RenderLimits } from './types';

export interface InflateInput {
  appName: string;
  root: string;
  appDir: string;
  /** Kustomization folders reached from appDir (real paths). */
  folders: string[];
  workDir: string;
  tools: RenderTools;
  limits: RenderLimits;
  secrets: string[];
  kubeVersion?: string;
  apiVersions?: string[];
}

/** kustomize's `helmCharts` entry (the fields Slipway reads). */
interface HelmChartEntry {
  name?: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  nameTemplate?: string;
  valuesFile?: string;
  additionalValuesFiles?: string[];
  valuesInline?: Record<string, unknown>;
  valuesMerge?: 'override' | 'merge' | 'replace';
  includeCRDs?: boolean;
  skipHooks?: boolean;
  skipTests?: boolean;
  apiVersions?: string[];
  kubeVersion?: string;
}

async function makeWritable(dir: string): Promise<void> {
  await fs.promises.chmod(dir, 0o755);
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await makeWritable(full);
    } else if (entry.isFile()) {
      await fs.promises.chmod(full, 0o644);
    }
  }
}

/**
 * Inflates the `helmCharts` of local kustomizations with Slipway's own
 * `helm template` run (any Helm major version; kustomize's built-in inflator
 * insists on Helm 3): the reached kustomization folders are copied to the
 * scratch folder, each chart's output is written next to its kustomization
 * and listed under `resources`, and `helmCharts` is removed. Returns the
 * folder to build in the copy.
 */
export async function inflateHelmCharts(runner: ProcessRunner, input: InflateInput): Promise<string> {
  const copyRoot = path.join(input.workDir, 'kustomize-copy');
  const folders = [...input.folders].sort((a, b) => a.length - b.length);
  const copied: string[] = [];
  for (const folder of folders) {
    if (copied.some(c => isInside(c, folder))) {
      continue;
    }
    const dest = path.join(copyRoot, path.relative(input.root, folder));
    await fs.promises.cp(folder, dest, { recursive: true, verbatimSymlinks: true });
    copied.push(folder);
  }
  await fs.promises.mkdir(copyRoot, { recursive: true });
  await makeWritable(copyRoot);

  for (const folder of input.folders) {
    const file = kustomizationFileIn(folder)!;
    const doc = (parse(await fs.promises.readFile(file, 'utf8'), { maxAliasCount: input.limits.maxAliasCount }) ??
      {}) as Record<string, unknown>;
    const charts = Array.isArray(doc.helmCharts) ? (doc.helmCharts as HelmChartEntry[]) : [];
    if (charts.length === 0) {
      continue;
    }
    const globals = (doc.helmGlobals ?? {}) as { chartHome?: string };
    const copyFolder = path.join(copyRoot, path.relative(input.root, folder));
    const outputs: string[] = [];
    for (const [i, chart] of charts.entries()) {
      const output = await renderChart(runner, input, folder, globals.chartHome ?? 'charts', chart, i);
      const name = `slipway-helm-chart-${i}.yaml`;
      await fs.promises.writeFile(path.join(copyFolder, name), output);
      outputs.push(name);
    }
    delete doc.helmCharts;
    delete doc.helmGlobals;
    doc.resources = [...(Array.isArray(doc.resources) ? doc.resources : []), ...outputs];
    await fs.promises.writeFile(path.join(copyFolder, path.basename(file)), stringify(doc));
  }
  return path.join(copyRoot, path.relative(input.root, input.appDir));
}

async function renderChart(
  runner: ProcessRunner,
  input: InflateInput,
  folder: string,
  chartHome: string,
  chart: HelmChartEntry,
  index: number,
): Promise<string> {
  const { appName } = input;
  if (!chart.name) {
    throw new RenderError('invalid-source', appName, `helmCharts entry ${index + 1} has no name`);
  }
  const confined = (target: string, what: string) =>
    resolveConfined({ appName, root: input.root, base: folder, target, what });
  let chartDir = (await confined(path.posix.join(chartHome, chart.name), `chart "${chart.name}"`)).path;
  if (chart.version) {
    const versioned = await confined(
      path.posix.join(chartHome, `${chart.name}-${chart.version}`, chart.name),
      `chart "${chart.name}"`,
    );
    if (versioned.exists) {
      chartDir = versioned.path;
    }
  }
  if (!fs.existsSync(path.join(chartDir, 'Chart.yaml'))) {
    throw new RenderError(
      'invalid-source',
      appName,
      `helmCharts chart "${chart.name}" is not in ${path.relative(input.root, folder) || '.'}/${chartHome}; ` +
        'vendor the chart into the repository (remote charts are not pulled)',
    );
  }
  const valueFiles: string[] = [];
  const fileOf = async (f: string) => {
    const resolved = await confined(f, 'helmCharts values file');
    if (!resolved.exists) {
      throw new RenderError('invalid-source', appName, `helmCharts values file "${f}" does not exist`);
    }
    return resolved.path;
  };
  const base = chart.valuesFile ? await fileOf(chart.valuesFile) : undefined;
  let inline: string | undefined;
  if (chart.valuesInline && Object.keys(chart.valuesInline).length > 0) {
    inline = path.join(input.workDir, `helm-chart-${index}-${path.basename(folder)}-inline.yaml`);
    await fs.promises.writeFile(inline, stringify(chart.valuesInline));
  }
  const merge = chart.valuesMerge ?? 'override';
  if (merge === 'replace') {
    const only = inline ?? base;
    valueFiles.push(...(only ? [only] : []));
  } else if (merge === 'merge') {
    valueFiles.push(...(inline ? [inline] : []), ...(base ? [base] : []));
  } else {
    valueFiles.push(...(base ? [base] : []), ...(inline ? [inline] : []));
  }
  for (const f of chart.additionalValuesFiles ?? []) {
    valueFiles.push(await fileOf(f));
  }
  const args = helmTemplateArgs({
    releaseName: chart.nameTemplate || chart.releaseName || 'release-name',
    chartDir,
    namespace: chart.namespace || 'default',
    kubeVersion: chart.kubeVersion || input.kubeVersion,
    apiVersions: chart.apiVersions?.length ? chart.apiVersions : input.apiVersions ?? [],
    crds: chart.includeCRDs ? 'include' : 'none',
    skipTests: chart.skipTests === true,
    noHooks: chart.skipHooks === true,
    valueFiles,
    parameters: [],
    fileParameters: [],
  });
  return runTool(runner, {
    appName,
    toolName: `helm template (helmCharts "${chart.name}")`,
    command: input.tools.helm,
    args,
    cwd: chartDir,
    workDir: input.workDir,
    root: input.root,
    limits: input.limits,
    secrets: input.secrets,
  });
}
