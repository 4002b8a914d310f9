import { ConflictError, InputError } from '@backstage/errors';
import type {
  Application,
  ApplicationSet,
  ClusterInfo,
  PluginGeneratorService,
  ClusterDecisionService,
} from '@slipway/plugin-slipway-node';
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
import { placeGitEnvironment, retargetGeneratorFiles } from './gitGeneratorEnvironment';
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
  /** Plugin services, for ApplicationSets with plugin generators. */
  plugins?: PluginGeneratorService;
  /** Duck-typed resources, for ApplicationSets with clusterDecisionResource generators. */
  clusterDecisions?: ClusterDecisionService;
}

/** What adding the environment did to the working tree. */
export interface EnvironmentResult {
  applicationSet: string;
  /** The ApplicationSet's `metadata.namespace`, which the catalog takes as its (and its Applications') namespace. */
  catalogNamespace: string;
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
  const context = { clusters: target.clusters, git, plugins: target.plugins, clusterDecisions: target.clusterDecisions };
  const before = await expandOrRefuse(set, context, `ApplicationSet '${name}' does not expand as it is; fix it first`);
  const gen = findEnvironmentGenerator(set, filePath);
  const cluster = request.cluster
    ? { name: request.cluster, server: target.clusters.find(c => c.name === request.cluster)?.server }
    : undefined;
  const retargeting = (baseApps: Application[]): Retargeting => ({
    from: copyFrom,
    to: environment,
    baseDestinations: baseApps.map(destinationOf),
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
    const placement = await placeGitEnvironment(git, gen, repoURL, { applicationSet: name, copyFrom, environment });
    baseApps = await expandOrRefuse(probe(set, gen, placement.replacement), context, `expanding environment '${copyFrom}'`);
    if (baseApps.length === 0) throw noBaseApps();
    await copyTree(dir, placement.from, placement.to);
    copied.push(placement.to);
    // A files generator's parameters are the files' keys: the copies get the new environment's values.
    if (gen.kind === 'git-files') await retargetGeneratorFiles(dir, placement.newPaths, retargeting(baseApps));
    newProbe = probe(set, gen, placement.newReplacement);
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
  const catalogNamespace = typeof set.metadata.namespace === 'string' && set.metadata.namespace ? set.metadata.namespace : 'default';
  return { applicationSet: name, catalogNamespace, generator: gen.kind, applications };
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
