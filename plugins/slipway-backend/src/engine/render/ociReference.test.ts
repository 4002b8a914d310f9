import {
  hasOciScheme,
  ociChartReference,
  tagOfVersion,
  versionOfTag,
  withoutScheme,
} from './ociReference';

describe('OCI chart references', () => {
  it.each([
    ['oci://ghcr.io/acme/charts', 'web', 'ghcr.io', 'acme/charts/web'],
    ['oci://127.0.0.1:5000/charts/', 'demo', '127.0.0.1:5000', 'charts/demo'],
    ['OCI://Registry.Example.com', 'nginx', 'registry.example.com', 'nginx'],
    [
      'registry-1.docker.io/bitnamicharts',
      'nginx',
      'registry-1.docker.io',
      'bitnamicharts/nginx',
    ],
    ['oci://localhost:5000/a', 'team/app', 'localhost:5000', 'a/team/app'],
  ])('reads %s with chart %s', (repoURL, chart, registry, repository) => {
    expect(ociChartReference(repoURL, chart)).toEqual({
      registry,
      repository,
      url: `oci://${registry}/${repository}`,
    });
  });

  it('refuses names the registry would refuse, saying what to check', () => {
    expect(() => ociChartReference('oci://ghcr.io/acme', 'Web')).toThrow(
      /"Web" cannot be part of an OCI repository name/,
    );
    expect(() => ociChartReference('oci://ghcr.io/acme', '../x')).toThrow(
      /"\.\." cannot be part/,
    );
    expect(() => ociChartReference('oci://', 'web')).toThrow(
      /is not a registry host/,
    );
  });

  it('tells oci:// URLs and strips schemes and user info', () => {
    expect(hasOciScheme(' oci://x/y')).toBe(true);
    expect(hasOciScheme('https://x/y')).toBe(false);
    expect(withoutScheme('oci://user:pw@ghcr.io/acme/')).toBe('ghcr.io/acme');
  });

  it('maps + in versions to _ in tags and back, like Helm', () => {
    expect(tagOfVersion('1.2.3+build.1')).toBe('1.2.3_build.1');
    expect(versionOfTag('1.2.3_build.1')).toBe('1.2.3+build.1');
  });
});
