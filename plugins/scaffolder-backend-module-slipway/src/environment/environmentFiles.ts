import { InputError } from '@backstage/errors';
import type { Application } from '@slipway/plugin-slipway-node';
import path from 'node:path';
import { copyTree } from '../gitops/copyTree';
import { applyHelmValuesOverrides } from '../gitops/HelmValuesEditor';
import { applyKustomizeOverrides } from '../gitops/KustomizationEditor';
import { existsInside, readRepoFile, writeRepoFile } from '../gitops/repoPaths';
import { sameRepo, sourcesOf } from './expansion';

/** Overrides of a new environment. */
export interface EnvironmentOverrides {
  imageTag?: string;
  /** Image name in kustomize `images` when there are several. */
  image?: string;
  replicas?: number;
  /** Workload name in kustomize `replicas` when there are several. */
  workload?: string;
  /** Merged into the environment's own Helm values file. */
  helmValues?: Record<string, unknown>;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Repository-relative Helm value files of a source (`$ref/…` and URLs are not in this repository). */
function valueFilesOf(source: Record<string, any>): string[] {
  const files = source.helm?.valueFiles;
  if (!Array.isArray(files) || typeof source.path !== 'string') return [];
  return files
    .filter((f: unknown): f is string => typeof f === 'string')
    .filter(f => !f.startsWith('$') && !/^[a-z]+:\/\//i.test(f))
    .map(f => path.posix.normalize(path.posix.join(source.path, f)));
}

/** What the new environment owns alone: copied folders and files. */
class Owned {
  constructor(readonly paths: string[] = []) {}
  add(p: string) {
    this.paths.push(p);
  }
  has(p: string) {
    return this.paths.some(o => p === o || p.startsWith(`${o}/`));
  }
}

/**
 * Gives each new Application the files its base environment's Application
 * has: where a source path or a Helm value file differs between the two
 * (it depends on the environment) and the new one does not exist yet, the
 * base environment's folder or file is copied. Then the overrides are
 * applied to the files the new environment owns alone: kustomize `images`
 * and `replicas` in its kustomization, `image.tag`, `replicaCount` and
 * the given values in its Helm values file. An override that has no such
 * file to go to is refused, naming the environment.
 */
export async function provideEnvironmentFiles(options: {
  dir: string;
  repoURL: string;
  pairs: Array<{ base: Application; created: Application }>;
  /** Folders and files already copied for the new environment (git generators). */
  copied: string[];
  overrides: EnvironmentOverrides;
  environment: string;
  copyFrom: string;
}): Promise<void> {
  const { dir, repoURL, pairs } = options;
  const owned = new Owned([...options.copied]);
  for (const { base, created } of pairs) {
    const baseSources = sourcesOf(base);
    const newSources = sourcesOf(created);
    for (const [i, source] of newSources.entries()) {
      const baseSource = baseSources[i];
      if (!baseSource || typeof source.repoURL !== 'string' || !sameRepo(source.repoURL, repoURL)) continue;
      const pairsOfPaths: Array<[string, string]> = [];
      if (typeof source.path === 'string' && typeof baseSource.path === 'string') {
        pairsOfPaths.push([baseSource.path, source.path]);
      }
      const baseValues = valueFilesOf(baseSource);
      valueFilesOf(source).forEach((file, j) => {
        if (baseValues[j]) pairsOfPaths.push([baseValues[j], file]);
      });
      for (const [from, to] of pairsOfPaths) {
        const normFrom = path.posix.normalize(from);
        const normTo = path.posix.normalize(to);
        if (normFrom === normTo) continue;
        if (await existsInside(dir, normTo, `path of Application '${created.metadata.name}'`)) continue;
        if (!(await existsInside(dir, normFrom, `path of Application '${base.metadata.name}'`))) continue;
        await copyTree(dir, normFrom, normTo);
        owned.add(normTo);
      }
    }
  }
  await applyOverrides(dir, repoURL, pairs.map(p => p.created), owned, options);
}

async function applyOverrides(
  dir: string,
  repoURL: string,
  apps: Application[],
  owned: Owned,
  options: { overrides: EnvironmentOverrides; environment: string; copyFrom: string },
) {
  const { overrides } = options;
  const wantsKustomize = overrides.imageTag !== undefined || overrides.replicas !== undefined;
  const wantsHelm = wantsKustomize || overrides.helmValues !== undefined;
  if (!wantsHelm) return;
  const edited = new Set<string>();
  let kustomizeApplied = false;
  let helmApplied = false;
  for (const app of apps) {
    for (const source of sourcesOf(app)) {
      if (typeof source.repoURL !== 'string' || !sameRepo(source.repoURL, repoURL)) continue;
      if (typeof source.path !== 'string') continue;
      const isHelm = source.helm !== undefined || source.chart !== undefined;
      const valueFiles = valueFilesOf(source).filter(f => owned.has(f));
      if (isHelm || valueFiles.length > 0) {
        if (valueFiles.length === 0) continue;
        // The last values file wins in Helm: overrides go there.
        const file = valueFiles[valueFiles.length - 1];
        if (!edited.has(file)) {
          const text = await readRepoFile(dir, file, 'Helm values file');
          await writeRepoFile(
            dir,
            file,
            applyHelmValuesOverrides(
              text,
              { imageTag: overrides.imageTag, replicas: overrides.replicas, values: overrides.helmValues },
              file,
            ),
            'Helm values file',
          );
          edited.add(file);
        }
        helmApplied = true;
        continue;
      }
      if (!owned.has(source.path) || !wantsKustomize) continue;
      for (const name of KUSTOMIZATION_FILES) {
        const file = path.posix.join(source.path, name);
        if (!(await existsInside(dir, file, 'kustomization'))) continue;
        if (!edited.has(file)) {
          const text = await readRepoFile(dir, file, 'kustomization');
          await writeRepoFile(dir, file, applyKustomizeOverrides(text, overrides, file), 'kustomization');
          edited.add(file);
        }
        kustomizeApplied = true;
        break;
      }
    }
  }
  const env = `environment '${options.environment}' (copied from '${options.copyFrom}')`;
  if (overrides.helmValues !== undefined && !helmApplied) {
    throw new InputError(
      `${env} has no Helm values file of its own to take 'helmValues'; its Applications are not Helm sources with a per-environment values file`,
    );
  }
  if (wantsKustomize && !kustomizeApplied && !helmApplied) {
    throw new InputError(
      `${env} has no kustomization or Helm values file of its own to take the image tag or replica count; ` +
        'leave the overrides empty and change the files after the commit, or give the environment its own folder',
    );
  }
}
