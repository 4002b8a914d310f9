import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { redactUrl, type BasicAuth } from '@slipway/plugin-slipway-node';
import { isMissingDependencyMessage } from './chartDependencies';
import { resolveConfined } from './confine';
import { helmTemplateArgs, type HelmTemplatePlan } from './helmArgs';
import { HelmDependencyBuilder } from './HelmDependencyBuilder';
import type { OciRepositorySettings } from './ociRepositorySettings';
import { ManifestParseError, parseManifests } from './parseManifests';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import { runTool, type RenderTools } from './runTool';
import type { HelmSourceOptions, RenderLimits } from './types';

export interface HelmRenderInput {
  appName: string;
  /** Real path of the root paths are confined to (the repository, or the unpacked chart). */
  root: string;
  /** Real path of the chart folder. */
  chartDir: string;
  options?: HelmSourceOptions;
  /** URL schemes of value files helm may fetch itself (e.g. https); others are refused. */
  valueFileSchemes?: string[];
  /** Repository roots of the Application's `ref` sources, by ref name. */
  refs: ReadonlyMap<string, string>;
  destinationNamespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  tools: RenderTools;
  limits: RenderLimits;
  workDir: string;
  secrets: string[];
  /** Credentials configured for a Helm repository URL, for dependencies the chart does not vendor. */
  credentialsFor?: (url: string) => BasicAuth | undefined;
  /** OCI settings of `slipway.repositories`, for `oci://` dependencies. */
  oci?: OciRepositorySettings;
}

/** The password of a URL with user info, as written and decoded (none for paths). */
function urlPasswords(file: string): string[] {
  try {
    const { password } = new URL(file);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/**
 * Renders a chart with `helm template`, like Argo CD's Helm source. When
 * Helm reports dependencies missing from `charts/`, they are built in a
 * copy of the chart (HelmDependencyBuilder) and the copy is rendered.
 */
export class HelmRenderer {
  private readonly dependencies: HelmDependencyBuilder;

  constructor(private readonly runner: ProcessRunner) {
    this.dependencies = new HelmDependencyBuilder(runner);
  }

  async render(input: HelmRenderInput): Promise<KubeObject[]> {
    const { appName, limits } = input;
    const options = input.options ?? {};
    const valueFiles: string[] = [];
    for (const file of options.valueFiles ?? []) {
      const resolved = await this.resolveFile(input, file, 'value file');
      if (resolved) {
        valueFiles.push(resolved);
      } else if (!options.ignoreMissingValueFiles) {
        throw new RenderError(
          'invalid-source',
          appName,
          `value file "${file}" does not exist; fix helm.valueFiles or set helm.ignoreMissingValueFiles`,
        );
      }
    }
    const inline = this.inlineValues(options);
    if (inline !== undefined) {
      const file = path.join(input.workDir, 'inline-values.yaml');
      await fs.promises.writeFile(file, inline);
      valueFiles.push(file);
    }
    const fileParameters: Array<{ name: string; path: string }> = [];
    for (const p of options.fileParameters ?? []) {
      const resolved = await this.resolveFile(input, p.path, `file parameter "${p.name}"`);
      if (!resolved) {
        throw new RenderError('invalid-source', appName, `file parameter "${p.name}" path "${p.path}" does not exist`);
      }
      fileParameters.push({ name: p.name, path: resolved });
    }

    const plan: Omit<HelmTemplatePlan, 'chartDir'> = {
      releaseName: options.releaseName || appName,
      namespace: options.namespace || input.destinationNamespace || 'default',
      kubeVersion: options.kubeVersion || input.kubeVersion,
      // Argo CD's GetAPIVersionsOrDefault: the source's own list replaces the cluster's
      apiVersions: options.apiVersions?.length ? options.apiVersions : input.apiVersions ?? [],
      crds: options.skipCrds === true ? 'skip' : 'include',
      skipTests: options.skipTests === true,
      skipSchemaValidation: options.skipSchemaValidation === true,
      valueFiles,
      parameters: options.parameters ?? [],
      fileParameters,
    };
    // a remote value file's password stays out of helm's messages
    const secrets = [...input.secrets, ...valueFiles.flatMap(urlPasswords)];
    const template = (chartDir: string, copyOfRoot?: string) =>
      runTool(this.runner, {
        appName,
        toolName: 'helm template',
        command: input.tools.helm,
        args: helmTemplateArgs({ ...plan, chartDir }),
        cwd: chartDir,
        workDir: input.workDir,
        root: input.root,
        copyOfRoot,
        limits,
        secrets,
      });
    let stdout: string;
    try {
      stdout = await template(input.chartDir);
    } catch (e) {
      // like Argo CD: only Helm's missing-dependency failure leads to `helm dependency build`
      if (!(e instanceof RenderError && e.reason === 'tool-failed' && isMissingDependencyMessage(e.message))) {
        throw e;
      }
      const built = await this.dependencies.build({
        appName,
        root: input.root,
        chartDir: input.chartDir,
        tools: input.tools,
        limits,
        workDir: input.workDir,
        secrets: input.secrets,
        credentialsFor: input.credentialsFor,
        oci: input.oci,
        passCredentials: options.passCredentials === true,
      });
      stdout = await template(built.chartDir, built.copyRoot);
    }
    try {
      return parseManifests(stdout, { origin: 'helm template output', maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof ManifestParseError) {
        throw new RenderError('invalid-manifest', appName, e.message);
      }
      throw e;
    }
  }

  /** `valuesObject` wins over `values`, like Argo CD. */
  private inlineValues(options: HelmSourceOptions): string | undefined {
    if (options.valuesObject && Object.keys(options.valuesObject).length > 0) {
      return stringify(options.valuesObject);
    }
    if (typeof options.values === 'string' && options.values.trim() !== '') {
      return options.values;
    }
    return undefined;
  }

  /**
   * Resolves a value file: `$ref/path` in the repository of the source named
   * `ref`, `/path` from the repository root, otherwise relative to the chart.
   * Returns undefined when the file does not exist.
   */
  private async resolveFile(input: HelmRenderInput, file: string, what: string): Promise<string | undefined> {
    const { appName } = input;
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(file)?.[1].toLowerCase();
    if (scheme) {
      // as Argo CD: helm fetches the value files whose scheme is allowed (helm.valuesFileSchemes)
      if (what === 'value file' && input.valueFileSchemes?.includes(scheme)) return file;
      throw new RenderError(
        'invalid-source',
        appName,
        `${what} "${redactUrl(file)}" is a URL; remote ${scheme} value files are not fetched here: put the file ` +
          'in Git (another source of the Application can provide it as $ref/path), or allow the scheme in ' +
          'slipway.render.helmValueFileSchemes',
      );
    }
    let root = input.root;
    let base = input.chartDir;
    let target = file;
    const refMatch = /^\$([^/]+)\/(.*)$/.exec(file);
    if (refMatch) {
      const refRoot = input.refs.get(refMatch[1]);
      if (!refRoot) {
        throw new RenderError(
          'invalid-source',
          appName,
          `${what} "${file}" refers to source ref "${refMatch[1]}", but no source of the Application ` +
            `has ref: ${refMatch[1]}; add that source to spec.sources`,
        );
      }
      root = refRoot;
      base = refRoot;
      target = refMatch[2];
    }
    const resolved = await resolveConfined({
      appName,
      root,
      base,
      target,
      display: file,
      what,
      hint: 'use a file inside the repository (or $ref/path for a file of another source)',
    });
    if (!resolved.exists) {
      return undefined;
    }
    if (!fs.statSync(resolved.path).isFile()) {
      throw new RenderError('invalid-source', appName, `${what} "${file}" is not a file`);
    }
    return resolved.path;
  }
}
