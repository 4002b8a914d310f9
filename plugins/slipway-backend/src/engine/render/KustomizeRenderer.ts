import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { inflateHelmCharts } from './helmChartsInflator';
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
}

/** Parses Argo CD's image override syntax: `name=newName:tag`, `name:tag`, `name@digest`. */
export function parseImageOverride(spec: string): Record<string, string> {
  const [left, right] = spec.includes('=') ? spec.split('=', 2) : [undefined, spec];
  const image = right ?? '';
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  return {
    name: left ?? name,
    ...(left !== undefined && name ? { newName: name } : {}),
    ...(tag ? { newTag: tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** A kustomization layered over the source folder applying Argo CD's `kustomize` options. */
function overlayFor(relativeTarget: string, options: KustomizeSourceOptions): Record<string, unknown> | undefined {
  const overlay: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [relativeTarget],
  };
  let used = false;
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) {
      overlay[key] = value;
      used = true;
    }
  };
  put('namePrefix', options.namePrefix);
  put('nameSuffix', options.nameSuffix);
  put('namespace', options.namespace);
  put('images', options.images?.map(parseImageOverride));
  put('commonLabels', options.commonLabels && Object.keys(options.commonLabels).length ? options.commonLabels : undefined);
  put(
    'commonAnnotations',
    options.commonAnnotations && Object.keys(options.commonAnnotations).length ? options.commonAnnotations : undefined,
  );
  put('replicas', options.replicas);
  put('patches', options.patches);
  return used ? overlay : undefined;
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
    const overlay = input.options ? overlayFor(path.relative(overlayDir, target), input.options) : undefined;
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
      if (input.kubeVersion) {
        args.push('--helm-kube-version', input.kubeVersion);
      }
      for (const api of input.apiVersions ?? []) {
        args.push('--helm-api-versions', api);
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
