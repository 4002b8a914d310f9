/** Where an OCI chart lives: `<registry>/<repository>`, e.g. `ghcr.io` + `acme/charts/web`. */
export interface OciChartReference {
  /** `host[:port]`, lower-cased: what `helm registry login` takes. */
  registry: string;
  /** The repository path in the registry, ending in the chart's name. */
  repository: string;
  /** `oci://<registry>/<repository>`: what `helm pull` takes, and errors show. */
  url: string;
}

/** Is `repoURL` an `oci://` URL? */
export function hasOciScheme(repoURL: string): boolean {
  return /^oci:\/\//i.test(repoURL.trim());
}

/** `repoURL` without its scheme, user info and trailing slashes: `host[:port]/path`. */
export function withoutScheme(repoURL: string): string {
  return repoURL
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^/@]*@/, '')
    .replace(/\/+$/, '');
}

const REGISTRY =
  /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/i;
/** Repository path components as the OCI distribution spec allows them. */
const COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;

/**
 * The chart `chart` of the registry location `repoURL` (`oci://host[:port]/path`,
 * or `host[:port]/path` when configured as OCI, as Argo CD writes it).
 * Throws an Error saying what is wrong with the URL or chart name.
 */
export function ociChartReference(
  repoURL: string,
  chart: string,
): OciChartReference {
  const location = withoutScheme(repoURL);
  const [registry, ...path] = location.split('/');
  if (!registry || !REGISTRY.test(registry)) {
    throw new Error(
      `"${registry}" is not a registry host; write repoURL as oci://host[:port]/path`,
    );
  }
  const segments = [...path.filter(p => p !== ''), ...chart.trim().split('/')];
  const bad = segments.find(s => !COMPONENT.test(s));
  if (bad !== undefined) {
    throw new Error(
      `"${bad}" cannot be part of an OCI repository name (lower-case letters, digits and . _ - only); check source.chart and repoURL`,
    );
  }
  const repository = segments.join('/');
  const host = registry.toLowerCase();
  return { registry: host, repository, url: `oci://${host}/${repository}` };
}

/** Helm stores a chart version as a tag with `+` written `_` (tags cannot hold `+`). */
export function tagOfVersion(version: string): string {
  return version.replace(/\+/g, '_');
}

/** The chart version a tag stands for. */
export function versionOfTag(tag: string): string {
  return tag.replace(/_/g, '+');
}
