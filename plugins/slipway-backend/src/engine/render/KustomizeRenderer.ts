import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { stringify } from 'yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { inflateHelmCharts } from './helmChartsInflator';
import { kustomizeOverlay } from './kustomizeOverlay';
import { analyzeKustomization } from './kustomization';
import { ManifestParseError, parseManifests } from './parseManifests';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import { runTool, type RenderTools } from './runTool';
import type { KustomizeSourceOptions, RenderLimits } from './types';

export interface KustomizeRenderInput {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Real path of the folder holding the kustomization. */
  appDir: string;
  options?: KustomizeSourceOptions;
  tools: RenderTools;
  limits: RenderLimits;
  /** Private scratch folder of this render. */
  workDir: string;
  /** Allow remote bases and remote Helm charts (default false). */
  allowRemoteBases: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
  secrets: string[];
  /** Argo CD's build environment, for `commonAnnotationsEnvsubst`. */
  environment?: Record<string, string>;
}

/** Renders a kustomization with `kubectl kustomize` or a configured `kustomize build`. */
export class KustomizeRenderer {
  constructor(private readonly runner: ProcessRunner) {}

  async render(input: KustomizeRenderInput): Promise<KubeObject[]> {
    const { appName, limits, tools } = input;
    const analysis = await analyzeKustomization(appName, input.root, input.appDir, limits.maxAliasCount);
    if (analysis.remote.length > 0 && !input.allowRemoteBases) {
      throw new RenderError(
        'remote-base-refused',
        appName,
        `the kustomization uses remote content (${analysis.remote.join(', ')}), which is disabled; ` +
          'vendor it into the repository, or allow remote bases in the render options',
      );
    }
    // kustomize's own Helm inflator requires Helm 3; with other versions
    // Slipway inflates the charts itself before kustomize runs.
    const nativeHelm = analysis.usesHelmCharts && /^v?3\./.test(tools.helmVersion);
    let target = input.appDir;
    if (analysis.usesHelmCharts && !nativeHelm) {
      target = await inflateHelmCharts(this.runner, { ...input, folders: analysis.folders });
    }
    const overlayDir = path.join(input.workDir, 'kustomize-overlay');
    const overlay = input.options
      ? await kustomizeOverlay({ ...input, options: input.options, target, overlayDir })
      : undefined;
    if (overlay) {
      await fs.promises.mkdir(overlayDir, { recursive: true });
      await fs.promises.writeFile(path.join(overlayDir, 'kustomization.yaml'), stringify(overlay));
      target = overlayDir;
    }

    const base = tools.kustomize
      ? { command: tools.kustomize, args: ['build', target], name: 'kustomize build' }
      : { command: tools.kubectl, args: ['kustomize', target], name: 'kubectl kustomize' };
    const args = [...base.args];
    if (nativeHelm) {
      args.push('--enable-helm', '--helm-command', tools.helm);
      // kustomize knows these flags from 5.3.0 on; Argo CD passes them only then
      const kustomize = semver.coerce(tools.kustomizeVersion ?? '');
      if (kustomize && semver.gte(kustomize, '5.3.0')) {
        if (input.kubeVersion) {
          args.push('--helm-kube-version', input.kubeVersion);
        }
        for (const api of input.apiVersions ?? []) {
          args.push('--helm-api-versions', api);
        }
      }
    }
    const stdout = await runTool(this.runner, {
      appName,
      toolName: base.name,
      command: base.command,
      args,
      cwd: input.workDir,
      workDir: input.workDir,
      root: input.root,
      limits,
      secrets: input.secrets,
    });
    try {
      return parseManifests(stdout, { origin: `${base.name} output`, maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof ManifestParseError) {
        throw new RenderError('invalid-manifest', appName, e.message);
      }
      throw e;
    }
  }
}
