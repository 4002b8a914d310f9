import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import type { ApplicationStatus, ApplicationVersions, ImageVersion as StoredImage } from '../store';

type ApiItem = VersionsResponse['items'][number];

/** Splits `registry:5000/org/app:1.2@sha256:…` into repository, tag and digest. */
export function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  // a colon before the last slash is a registry port, not a tag
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
  const repository = tag !== undefined ? named.slice(0, colon) : named;
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

function images(stored: StoredImage[]): ApiItem['images'] {
  // what runs, when anything runs; what Git asks for otherwise
  const live = stored.filter(i => i.location === 'live');
  const chosen = live.length > 0 ? live : stored.filter(i => i.location === 'desired');
  const seen = new Set<string>();
  const result: ApiItem['images'] = [];
  for (const i of chosen) {
    const key = `${i.image}|${i.resource ?? ''}|${i.container ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ ...parseImage(i.image), container: i.container ?? '', resource: i.resource ?? '' });
  }
  return result;
}

function charts(versions: ApplicationVersions): ApiItem['charts'] {
  const live = versions.charts.filter(c => c.location === 'live');
  const chosen = live.length > 0 ? live : versions.charts.filter(c => c.location === 'desired');
  const seen = new Set<string>();
  return chosen
    .filter(c => {
      const key = `${c.repoURL ?? ''}|${c.chart}|${c.version}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(c => ({ repoURL: c.repoURL ?? '', chart: c.chart, version: c.version }));
}

/** One application's versions as GET /versions returns them. Pure. */
export function toApiVersions(status: Partial<ApplicationStatus> & { entityRef: string }): ApiItem {
  const versions = status.versions ?? { images: [], charts: [] };
  return {
    entityRef: status.entityRef,
    ...(status.environment ? { environment: status.environment } : {}),
    ...(status.cluster ? { cluster: status.cluster } : {}),
    images: images(versions.images),
    charts: charts(versions),
  };
}
