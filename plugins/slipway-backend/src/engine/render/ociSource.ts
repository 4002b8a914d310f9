import type { ApplicationSource } from './types';
import { hasOciScheme, withoutScheme } from './ociReference';
import { RenderError } from './RenderError';

/** The Application's sources, each with a repoURL, OCI sources as chart sources; a RenderError saying what is wrong otherwise. */
export function checkedSources(
  appName: string,
  sources: ApplicationSource[],
): ApplicationSource[] {
  if (sources.length === 0) {
    throw new RenderError(
      'invalid-source',
      appName,
      'spec.source or spec.sources is required',
    );
  }
  return sources.map((s, i) => {
    if (!s || typeof s.repoURL !== 'string' || s.repoURL.trim() === '') {
      throw new RenderError(
        'invalid-source',
        appName,
        `source ${i + 1} has no repoURL`,
      );
    }
    try {
      return asChartSource(s);
    } catch (e) {
      throw new RenderError('invalid-source', appName, (e as Error).message);
    }
  });
}

/**
 * Argo CD 3.1's OCI source (`repoURL: oci://host/path/name`, `path: .`, no
 * `chart`) as the chart source it is for a Helm chart artifact: the
 * repository's parent and the chart's name. Other sources are returned as
 * they are; an OCI source with another `path` throws saying why, as only
 * Helm chart artifacts (whose path is always `.`) are read.
 */
export function asChartSource(source: ApplicationSource): ApplicationSource {
  if (source.chart || !hasOciScheme(source.repoURL)) return source;
  const path = (source.path ?? '').trim();
  if (path !== '' && path !== '.' && path !== './') {
    throw new Error(
      `source.path "${source.path}" of OCI source ${source.repoURL}: Slipway reads Helm chart artifacts from OCI registries, ` +
        'whose path is always "."; set path: . (other OCI artifacts are not supported)',
    );
  }
  const location = withoutScheme(source.repoURL);
  const slash = location.lastIndexOf('/');
  if (slash < 0) {
    throw new Error(
      `OCI source ${source.repoURL} names no artifact; write repoURL as oci://host/path/name`,
    );
  }
  const { path: _path, ...rest } = source;
  return {
    ...rest,
    repoURL: `oci://${location.slice(0, slash)}`,
    chart: location.slice(slash + 1),
  };
}
