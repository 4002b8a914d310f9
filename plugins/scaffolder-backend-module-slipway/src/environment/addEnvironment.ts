import { ConflictError, InputError } from '@backstage/errors';
import type { Application, ApplicationSet, ClusterInfo } from '@slipway/plugin-slipway-node';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { copyTree } from '../gitops/copyTree';
import { addListElement, ListGeneratorEditError } from '../gitops/ListGeneratorEditor';
import { existsInside, readRepoFile, writeRepoFile } from '../gitops/repoPaths';
import {
  EnvironmentGenerator,
  findEnvironmentGenerator,
  generatorAt,
  readApplicationSet,
} from './applicationSetFile';
import { EditedRepoGitReader, destinationOf, expandOrRefuse, sameRepo, sourcesOf } from './expansion';
import { EnvironmentOverrides, provideEnvironmentFiles } from './environmentFiles';
import { detectNameKey, retargetParameters, Retargeting } from './retarget';

/** A new environment of an ApplicationSet. */
export interface EnvironmentRequest {
  /** The new environment's name, a DNS label. */
  environment: string;
  /** The environment whose parameters and files are copied. */
  copyFrom: string;
  /** Cluster name the new environment deploys to; default: the base environment's. */
  cluster?: string;
  /** Namespace the new environment deploys to; default: what the ApplicationSet derives. */
  namespace?: string;
  /** The list element key naming environments; default: detected. */
  environmentKey?: string;
  overrides: EnvironmentOverrides;
}

/** Where the ApplicationSet lives: a working tree of its repository. */
export interface EnvironmentTarget {
  dir: string;
  repoURL: string;
  filePath: string;
  applicationSetName?: string;
  /** Revisions the working tree stands for (`HEAD` and the default branch). */
  revisions: string[];
  clusters: ClusterInfo[];
}

/** What adding the environment did to the working tree. */
export interface EnvironmentResult {
  applicationSet: string;
  generator: EnvironmentGenerator['kind'];
  /** The Applications the ApplicationSet generates now and did not before. */
  applications: Application[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A copy of the set whose environment generator yields only `replacement`. */
function probe(set: ApplicationSet, gen: EnvironmentGenerator, replacement: Record<string, unknown>): ApplicationSet {
  const copy = structuredClone(set);
  const target = generatorAt(copy, gen.path);
  if (gen.kind === 'list') target.list = { ...target.list, elements: [replacement] };
  else target.git = { ...target.git, ...replacement };
  return copy;
}

/**
 * Adds an environment to the ApplicationSet in a working tree, the way its
 * generator expects it (a list element, or a folder or file for git
 * generators), gives the new Applications their files copied from the base
 * environment with the overrides applied, and checks the result by
 * expanding the edited ApplicationSet. Throws an InputError or
 * ConflictError that says what to do when the environment cannot be
 * added; the working tree is then partly changed and must be discarded.
 */
export async function addEnvironment(
  target: EnvironmentTarget,
  request: EnvironmentRequest,
): Promise<EnvironmentResult> {
  const { dir, filePath, repoURL } = target;
  const { environment, copyFrom } = request;
  if (!DNS_LABEL.test(environment) || environment.length > 63) {
    throw new InputError(
      `environment name '${environment}' is not valid; use lower-case letters, digits and '-', at most 63 characters`,
    );
  }
  const text = await readRepoFile(dir, filePath, 'ApplicationSet file');
  const { name, set } = readApplicationSet(text, filePath, target.applicationSetName);
  const git = new EditedRepoGitReader(dir, repoURL, target.revisions);
  const context = { clusters: target.clusters, git };
  const before = await expandOrRefuse(set, context, `ApplicationSet '${name}' does not expand as it is; fix it first`);
  const gen = findEnvironmentGenerator(set, filePath);
  const cluster = request.cluster
    ? { name: request.cluster, server: target.clusters.find(c => c.name === request.cluster)?.server }
    : undefined;
  const retargeting = (baseApps: Application[]): Retargeting => ({
    from: copyFrom,
    to: environment,
    baseDestination: baseApps[0] ? destinationOf(baseApps[0]) : {},
    cluster,
    namespace: request.namespace,
  });
  const noBaseApps = () =>
    new InputError(`environment '${copyFrom}' of ApplicationSet '${name}' generates no Application, so it cannot be copied`);

  let baseApps: Application[];
  let newProbe: ApplicationSet;
  const copied: string[] = [];
  if (gen.kind === 'list') {
    const nameKey = detectNameKey(gen.elements, copyFrom, request.environmentKey);
    if (!nameKey) {
      throw new InputError(
        `cannot tell which key of the list elements of '${name}' names the environment; give 'environmentKey'`,
      );
    }
    const base = gen.elements.find(e => e?.[nameKey] === copyFrom);
    if (!base) {
      const known = gen.elements.map(e => String(e?.[nameKey])).join(', ');
      throw new InputError(`ApplicationSet '${name}' has no environment '${copyFrom}' to copy from (it has: ${known})`);
    }
    if (gen.elements.some(e => e?.[nameKey] === environment)) {
      throw new ConflictError(`ApplicationSet '${name}' already has environment '${environment}'; choose another name`);
    }
    baseApps = await expandOrRefuse(probe(set, gen, base), context, `expanding environment '${copyFrom}'`);
    if (baseApps.length === 0) throw noBaseApps();
    const element = { ...retargetParameters(base, retargeting(baseApps)), [nameKey]: environment };
    let edited: string;
    try {
      edited = addListElement(text, { applicationSet: name, nameKey }, element);
    } catch (e) {
      if (e instanceof ListGeneratorEditError) throw new InputError(`${filePath}: ${e.message}`);
      throw e;
    }
    await writeRepoFile(dir, filePath, edited, 'ApplicationSet file');
    newProbe = probe(set, gen, element);
  } else {
    const { from, to, replacement, newReplacement } = await locateGitEnvironment(git, gen, repoURL, copyFrom, environment, name);
    baseApps = await expandOrRefuse(probe(set, gen, replacement), context, `expanding environment '${copyFrom}'`);
    if (baseApps.length === 0) throw noBaseApps();
    await copyTree(dir, from, to);
    copied.push(to);
    if (gen.kind === 'git-files') {
      for (const file of await git.readFiles(repoURL, gen.git.revision ?? 'HEAD', newReplacement.files[0].path)) {
        await writeRepoFile(dir, file.path, retargetFile(file.path, file.content, retargeting(baseApps)), 'generator file');
      }
    }
    newProbe = probe(set, gen, newReplacement);
  }

  const editedSet = readApplicationSet(await readRepoFile(dir, filePath, 'ApplicationSet file'), filePath, name).set;
  const after = await expandOrRefuse(editedSet, context, `with environment '${environment}', ApplicationSet '${name}' does not expand`);
  const existing = new Set(before.map(a => a.metadata.name));
  const applications = after.filter(a => !existing.has(a.metadata.name));
  if (applications.length === 0) {
    throw new InputError(`with environment '${environment}', ApplicationSet '${name}' generates no new Application; check its template`);
  }
  const created = await expandOrRefuse(newProbe, context, `expanding environment '${environment}'`);
  const pairs = created.map((app, i) => ({ base: baseApps[i] ?? baseApps[0], created: app }));
  await provideEnvironmentFiles({ dir, repoURL, pairs, copied, overrides: request.overrides, environment, copyFrom });
  for (const app of applications) {
    checkRequestedDestination(app, request, cluster?.server);
    for (const source of sourcesOf(app)) {
      if (typeof source.path !== 'string' || typeof source.repoURL !== 'string' || !sameRepo(source.repoURL, repoURL)) continue;
      if (!(await existsInside(dir, source.path, `source path of Application '${app.metadata.name}'`))) {
        throw new InputError(
          `the new Application '${app.metadata.name}' reads '${source.path}', which does not exist and has no counterpart in environment '${copyFrom}' to copy; create it first or copy from another environment`,
        );
      }
    }
  }
  return { applicationSet: name, generator: gen.kind, applications };
}

/** Which folder or file a git generator's base environment is, and where the new one goes. */
async function locateGitEnvironment(
  git: EditedRepoGitReader,
  gen: Extract<EnvironmentGenerator, { kind: 'git-directories' | 'git-files' }>,
  repoURL: string,
  copyFrom: string,
  environment: string,
  name: string,
) {
  const revision = gen.git.revision ?? 'HEAD';
  const patterns: string[] = (gen.kind === 'git-directories' ? gen.git.directories : gen.git.files)
    .filter((p: any) => p && typeof p.path === 'string' && p.exclude !== true)
    .map((p: any) => p.path);
  const found = new Set<string>();
  for (const pattern of patterns) {
    const paths = gen.kind === 'git-directories'
      ? await git.listDirectories(repoURL, revision, pattern)
      : (await git.readFiles(repoURL, revision, pattern)).map(f => f.path);
    paths.forEach(p => found.add(p));
  }
  // The base environment: a folder named after it, or (files generator) a file named after it.
  const matches: Array<{ from: string; to: string; baseFile: string; file: string }> = [];
  for (const p of found) {
    const parts = p.split('/');
    const stem = path.posix.basename(p, path.posix.extname(p));
    // directories: the last segment names the environment; files: a folder above the file does
    let dirIndex = parts.slice(0, -1).lastIndexOf(copyFrom);
    if (gen.kind === 'git-directories') {
      dirIndex = parts[parts.length - 1] === copyFrom ? parts.length - 1 : -1;
    }
    if (dirIndex >= 0) {
      const from = parts.slice(0, dirIndex + 1).join('/');
      const to = [...parts.slice(0, dirIndex), environment].join('/');
      matches.push({ from, to, baseFile: p, file: [to, ...parts.slice(dirIndex + 1)].join('/') });
    } else if (gen.kind === 'git-files' && stem === copyFrom) {
      const to = path.posix.join(path.posix.dirname(p), environment + path.posix.extname(p));
      matches.push({ from: p, to, baseFile: p, file: to });
    }
  }
  const available = [...found].join(', ') || 'none';
  if (matches.length === 0) {
    throw new InputError(
      `ApplicationSet '${name}' has no folder or file for environment '${copyFrom}' under its git generator (found: ${available})`,
    );
  }
  if (matches.length > 1) {
    throw new InputError(
      `environment '${copyFrom}' of ApplicationSet '${name}' matches several paths (${matches.map(m => m.from).join(', ')}); it is ambiguous`,
    );
  }
  const [match] = matches;
  const key = gen.kind === 'git-directories' ? 'directories' : 'files';
  return {
    from: match.from,
    to: match.to,
    replacement: { [key]: [{ path: match.baseFile }] },
    newReplacement: { [key]: [{ path: match.file }] },
  };
}

/** A git files generator file of the new environment, its parameters retargeted; YAML keeps comments. */
function retargetFile(filePath: string, content: string, r: Retargeting): string {
  if (filePath.endsWith('.json')) {
    return `${JSON.stringify(retargetParameters(JSON.parse(content), r), null, 2)}\n`;
  }
  const doc = parseDocument(content);
  const retargeted = retargetParameters(doc.toJS(), r);
  const walk = (keyPath: unknown[], value: unknown) => {
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk([...keyPath, Array.isArray(value) ? Number(k) : k], v);
    } else if (doc.getIn(keyPath) !== value) {
      doc.setIn(keyPath, value);
    }
  };
  walk([], retargeted);
  return doc.toString();
}

/** Refuses when the Application would not deploy where the request asked. */
function checkRequestedDestination(app: Application, request: EnvironmentRequest, server?: string) {
  const dst = destinationOf(app);
  const where = `the new Application '${app.metadata.name}'`;
  if (request.cluster && dst.name !== request.cluster && !(server && dst.server === server)) {
    throw new InputError(
      `${where} would deploy to cluster '${dst.name ?? dst.server}', not '${request.cluster}': ` +
        'the ApplicationSet sets the cluster itself; leave the cluster empty or change the ApplicationSet template',
    );
  }
  if (request.namespace && dst.namespace !== request.namespace) {
    throw new InputError(
      `${where} would deploy to namespace '${dst.namespace}', not '${request.namespace}': ` +
        'the ApplicationSet derives the namespace itself; leave the namespace empty or ask for that one',
    );
  }
}
