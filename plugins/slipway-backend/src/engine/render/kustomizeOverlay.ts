import path from 'node:path';
import { substituteBuildEnvironment } from './buildEnvironment';
import { resolveConfined } from './confine';
import type { KustomizeSourceOptions } from './types';

/** Parses Argo CD's image override syntax: `name=newName:tag`, `name:tag`, `name@digest`. */
export function parseImageOverride(spec: string): Record<string, string> {
  const [left, right] = spec.includes('=')
    ? spec.split('=', 2)
    : [undefined, spec];
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

export interface OverlayInput {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Real path of the source's kustomization folder. */
  appDir: string;
  /** The folder the kustomization (the base of the overlay) is rendered from. */
  target: string;
  /** Where the overlay's kustomization.yaml is written. */
  overlayDir: string;
  options: KustomizeSourceOptions;
  /** Argo CD's build environment, for `commonAnnotationsEnvsubst`. */
  environment?: Record<string, string>;
}

const nonEmpty = (map: Record<string, string> | undefined) =>
  map && Object.keys(map).length ? map : undefined;

/**
 * A kustomization layered over the source folder that applies the
 * Application's `kustomize` options, as Argo CD's `kustomize edit` calls do:
 * name prefix/suffix, namespace, images, labels (`labelWithoutSelector` and
 * `labelIncludeTemplates` as `edit add label --without-selector
 * --include-templates`), annotations (`$ARGOCD_APP_*` substituted with
 * `commonAnnotationsEnvsubst`), replicas, patches and components (paths
 * relative to the source folder, kept inside the repository; missing ones
 * skipped with `ignoreMissingComponents`). Undefined when nothing is set.
 */
export async function kustomizeOverlay(
  input: OverlayInput,
): Promise<Record<string, unknown> | undefined> {
  const { options } = input;
  const overlay: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [path.relative(input.overlayDir, input.target)],
  };
  let used = false;
  const put = (key: string, value: unknown) => {
    if (
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0)
    ) {
      overlay[key] = value;
      used = true;
    }
  };
  put('namePrefix', options.namePrefix);
  put('nameSuffix', options.nameSuffix);
  put('namespace', options.namespace);
  put('images', options.images?.map(parseImageOverride));
  const labels = nonEmpty(options.commonLabels);
  if (
    labels &&
    (options.labelWithoutSelector || options.labelIncludeTemplates)
  ) {
    put('labels', [
      {
        pairs: labels,
        includeSelectors: !options.labelWithoutSelector,
        ...(options.labelIncludeTemplates ? { includeTemplates: true } : {}),
      },
    ]);
  } else {
    put('commonLabels', labels);
  }
  const annotations = nonEmpty(options.commonAnnotations);
  put(
    'commonAnnotations',
    annotations && options.commonAnnotationsEnvsubst
      ? Object.fromEntries(
          Object.entries(annotations).map(([k, v]) => [
            k,
            substituteBuildEnvironment(v, input.environment ?? {}),
          ]),
        )
      : annotations,
  );
  put('replicas', options.replicas);
  put('patches', options.patches);
  put('components', await components(input));
  return used ? overlay : undefined;
}

async function components(input: OverlayInput): Promise<string[] | undefined> {
  const wanted = input.options.components;
  if (!wanted?.length) return undefined;
  const out: string[] = [];
  for (const component of wanted) {
    const found = await resolveConfined({
      appName: input.appName,
      root: input.root,
      base: input.appDir,
      target: component,
      what: 'kustomize component',
    });
    if (!found.exists && input.options.ignoreMissingComponents) continue;
    // a missing one is left to kustomize, whose error names it
    out.push(path.relative(input.overlayDir, found.path));
  }
  return out;
}
