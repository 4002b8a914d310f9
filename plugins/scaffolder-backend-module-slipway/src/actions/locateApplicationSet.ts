import { ANNOTATION_LOCATION, Entity, parseLocationRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { normalizeRepoURL } from '@slipway/plugin-slipway-node';
import type { RepositoryLocalPath } from '@slipway/plugin-slipway-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where an ApplicationSet's file lives in its Git repository. */
export interface ApplicationSetLocation {
  repoURL: string;
  /** Repository-relative path of the file. */
  filePath: string;
  /** `metadata.name` of the ApplicationSet in the file. */
  name: string;
}

/** The repository URLs an ApplicationSet names: git generators and template sources. */
export function repositoriesNamedBy(entity: Entity): string[] {
  const out = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'repoURL' && typeof v === 'string' && !v.includes('{{')) out.add(v);
        else visit(v);
      }
    }
  };
  visit(entity.spec);
  return [...out];
}

// How Git hosts show a file: GitHub `blob/<branch>/<path>`, GitLab `-/blob/…`,
// Gitea and Forgejo `src/branch/<branch>/<path>`, and raw views.
const FILE_VIEW = /^(?:-\/)?(?:blob|tree|raw|src\/branch)\/[^/]+\/(.+)$/;

function fromUrlLocation(target: string, candidates: string[]): { repoURL: string; filePath: string } | undefined {
  const url = target.split(/[?#]/)[0];
  for (const repoURL of candidates) {
    const prefix = normalizeRepoURL(repoURL);
    if (!url.toLowerCase().startsWith(`${prefix}/`)) continue;
    const match = FILE_VIEW.exec(url.slice(prefix.length + 1));
    if (match) return { repoURL, filePath: decodeURIComponent(match[1]) };
  }
  return undefined;
}

function fromFileLocation(target: string, localPaths: RepositoryLocalPath[]): { repoURL: string; filePath: string } | undefined {
  const file = target.startsWith('file://') ? fileURLToPath(target) : path.resolve(target);
  for (const entry of localPaths) {
    const rel = path.relative(entry.localPath, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      return { repoURL: entry.url, filePath: rel.split(path.sep).join('/') };
    }
  }
  return undefined;
}

/**
 * Finds the Git repository and file of an ApplicationSet entity from the
 * catalog location it was read from: a `url` location on a Git host under
 * one of the repositories the set names (or that are configured), or a
 * `file` location inside a configured `localPath`. Refuses with a message
 * saying to give `repoURL` and `filePath` when it cannot tell.
 */
export function locateApplicationSet(
  entity: Entity | undefined,
  entityRef: string,
  options: { localPaths: RepositoryLocalPath[]; configuredRepositories?: string[] },
): ApplicationSetLocation {
  if (!entity) {
    throw new NotFoundError(
      `ApplicationSet '${entityRef}' is not in the catalog (or you may not read it); pick an existing ApplicationSet`,
    );
  }
  if (entity.kind !== 'ApplicationSet') {
    throw new InputError(`'${entityRef}' is a ${entity.kind}, not an ApplicationSet; pick an ApplicationSet entity`);
  }
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  let found: { repoURL: string; filePath: string } | undefined;
  if (location) {
    const { type, target } = parseLocationRef(location);
    if (type === 'url') {
      const candidates = [...repositoriesNamedBy(entity), ...(options.configuredRepositories ?? [])];
      found = fromUrlLocation(target, candidates);
    } else if (type === 'file') {
      found = fromFileLocation(target, options.localPaths);
    }
  }
  if (!found) {
    throw new InputError(
      `cannot tell which Git repository and file hold ApplicationSet '${entityRef}' (catalog location ${
        location ?? 'unknown'
      }); give 'repoURL' and 'filePath' instead`,
    );
  }
  return { ...found, name: entity.metadata.name };
}
