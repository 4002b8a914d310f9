import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RenderError } from './RenderError';

/** Where a chart dependency comes from, read from its `repository` field the way Helm reads it. */
export type DependencyOrigin =
  /** No repository: the chart must already be in the parent's `charts/` folder. */
  | { kind: 'vendored' }
  /** `file://<path>`: a chart folder, relative to the parent chart. */
  | { kind: 'file'; path: string }
  /** A classic Helm repository read over http(s) (`index.yaml`). */
  | { kind: 'http'; url: string }
  /** An OCI registry (`oci://host/path`). */
  | { kind: 'oci'; url: string }
  /** A repository known to Helm by name (`@name` or `alias:name`). */
  | { kind: 'named'; name: string }
  /** Any other scheme: Helm needs a getter plugin for it. */
  | { kind: 'unsupported' };

export interface ChartDependency {
  name: string;
  /** Version or semver range; '' when not set. */
  version: string;
  /** `repository` as written. */
  repository: string;
  origin: DependencyOrigin;
}

export interface ChartDependencies {
  /** `name` from Chart.yaml (the folder's name when missing). */
  chartName: string;
  /** The file that declares the dependencies: Chart.yaml (apiVersion v2) or requirements.yaml (v1). */
  declaredIn: 'Chart.yaml' | 'requirements.yaml';
  dependencies: ChartDependency[];
}

/**
 * Does a Helm message say a declared dependency is not in `charts/`? Helm 3
 * and later name Chart.yaml (also for requirements.yaml); Helm 2 names
 * requirements.yaml. Argo CD recognises the same two messages.
 */
export function isMissingDependencyMessage(text: string): boolean {
  return /found in (Chart|requirements)\.yaml, but missing in charts\/? directory/.test(text);
}

/** Classifies a dependency's `repository` field. */
export function dependencyOrigin(repository: string): DependencyOrigin {
  const repo = repository.trim();
  if (repo === '') {
    return { kind: 'vendored' };
  }
  if (repo.startsWith('@')) {
    return { kind: 'named', name: repo.slice(1) };
  }
  if (repo.startsWith('alias:')) {
    return { kind: 'named', name: repo.slice('alias:'.length) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(repo)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    return { kind: 'file', path: repo.slice('file://'.length) };
  }
  if (scheme === 'http' || scheme === 'https') {
    return { kind: 'http', url: repo };
  }
  if (scheme === 'oci') {
    return { kind: 'oci', url: repo };
  }
  return { kind: 'unsupported' };
}

async function readYamlMap(
  appName: string,
  file: string,
  shown: string,
  maxAliasCount: number,
): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new RenderError('invalid-source', appName, `${shown} cannot be read: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount });
  } catch (e) {
    throw new RenderError('invalid-source', appName, `${shown} is not valid YAML: ${(e as Error).message}; fix the file`);
  }
  if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
    throw new RenderError('invalid-source', appName, `${shown} is not a YAML map; fix the file`);
  }
  return (doc ?? {}) as Record<string, unknown>;
}

/**
 * Reads the dependencies a chart declares: Chart.yaml's `dependencies` for
 * apiVersion v2, requirements.yaml for v1 (Chart.yaml's list when a v1 chart
 * has no requirements.yaml). `shownPath` names the chart folder in errors.
 */
export async function readChartDependencies(
  appName: string,
  chartDir: string,
  shownPath: string,
  maxAliasCount: number,
): Promise<ChartDependencies> {
  const chart = await readYamlMap(appName, path.join(chartDir, 'Chart.yaml'), `${shownPath}/Chart.yaml`, maxAliasCount);
  if (!chart) {
    throw new RenderError('invalid-source', appName, `${shownPath} has no Chart.yaml; point source.path at a chart folder`);
  }
  const chartName = typeof chart.name === 'string' && chart.name ? chart.name : path.basename(chartDir);
  let declaredIn: ChartDependencies['declaredIn'] = 'Chart.yaml';
  let list = chart.dependencies;
  if (String(chart.apiVersion ?? 'v1') === 'v1') {
    const shown = `${shownPath}/requirements.yaml`;
    const requirements = await readYamlMap(appName, path.join(chartDir, 'requirements.yaml'), shown, maxAliasCount);
    if (requirements) {
      declaredIn = 'requirements.yaml';
      list = requirements.dependencies;
    }
  }
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw new RenderError('invalid-source', appName, `dependencies in ${shownPath}/${declaredIn} is not a list; fix the file`);
  }
  const dependencies = ((list ?? []) as unknown[]).map((entry, i) => {
    const d = (entry ?? {}) as Record<string, unknown>;
    if (typeof d.name !== 'string' || d.name === '') {
      throw new RenderError(
        'invalid-source',
        appName,
        `dependency ${i + 1} in ${shownPath}/${declaredIn} has no name; give every dependency the name of its chart`,
      );
    }
    const repository = typeof d.repository === 'string' ? d.repository : '';
    return {
      name: d.name,
      version: d.version === undefined || d.version === null ? '' : String(d.version),
      repository,
      origin: dependencyOrigin(repository),
    };
  });
  return { chartName, declaredIn, dependencies };
}
