/*
 * appset-expand: the catalog module expanding two large ApplicationSets the
 * way Backstage's processing loop calls it (ApplicationSetProcessor over a
 * CatalogGitReader, a SourceGitReader and the GitSource, as in the module's
 * wiring): a list generator of 1,000 elements, and a git directory generator
 * over 200 directories of a repository served by a real Git smart-HTTP
 * server (in a child process). Every run starts with an empty clone cache, so each git run fetches
 * the repository, lists its tree and renders 200 Applications.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import { GitSource, IN_CLUSTER, SourceGitReader } from '@slipway/plugin-slipway-node';
import { staticCatalogLookup } from '../../plugins/catalog-backend-module-slipway/src/catalog/InMemoryCatalogLookup';
import { CatalogGitReader } from '../../plugins/catalog-backend-module-slipway/src/git/CatalogGitReader';
import { ApplicationSetProcessor } from '../../plugins/catalog-backend-module-slipway/src/processor/ApplicationSetProcessor';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { measure } from '../harness/EngineHarness';
import { startGitServer } from '../harness/gitServer';

const LIST_ELEMENTS = Number(process.env.BENCH_APPSET_LIST ?? 1000);
const GIT_DIRECTORIES = Number(process.env.BENCH_APPSET_DIRS ?? 200);
const RUNS = Number(process.env.BENCH_APPSET_RUNS ?? 5);
const GITOPS_REPO = 'https://git.example.com/shop/gitops.git';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'shop-team', system: 'shop' },
};

function applicationSet(name: string, generator: JsonObject, source: JsonObject, appName: string): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace: 'default', annotations: { 'slipway.io/component': 'shop' } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [generator],
      template: {
        metadata: { name: appName, labels: { 'slipway.io/environment': 'prod' } },
        spec: {
          project: 'default',
          source,
          destination: { name: 'in-cluster', namespace: appName },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
        },
      },
    },
  };
}

/** 1,000 list elements, each with the parameters a per-tenant set carries. */
const listSet = applicationSet(
  'tenants',
  {
    list: {
      elements: Array.from({ length: LIST_ELEMENTS }, (_, i) => ({
        tenant: `tenant-${String(i).padStart(4, '0')}`,
        region: ['eu-west-1', 'us-east-1', 'ap-south-1'][i % 3],
        replicas: String(1 + (i % 4)),
      })),
    },
  },
  {
    repoURL: GITOPS_REPO,
    targetRevision: 'main',
    path: 'tenants/{{.region}}',
    kustomize: { namePrefix: '{{.tenant}}-', commonLabels: { tenant: '{{.tenant}}' } },
  },
  '{{.tenant}}',
);

function gitSet(repoURL: string): Entity {
  return applicationSet(
    'services',
    { git: { repoURL, revision: 'main', directories: [{ path: 'services/*' }, { path: 'services/legacy-*', exclude: true }] } },
    { repoURL, targetRevision: 'main', path: '{{.path.path}}' },
    '{{.path.basenameNormalized}}',
  );
}

/** 200 service directories (a kustomization and a ConfigMap each), plus files the generator must skip. */
function servicesRepo(): Record<string, string> {
  const files: Record<string, string> = { 'README.md': '# services\n' };
  for (let i = 0; i < GIT_DIRECTORIES; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    files[`services/${name}/kustomization.yaml`] = 'resources:\n  - configmap.yaml\n';
    files[`services/${name}/configmap.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  owner: shop\n`;
  }
  files['services/legacy-billing/kustomization.yaml'] = 'resources: []\n';
  return files;
}

interface CaseRun {
  seconds: number;
  cpuSeconds: number;
  applications: number;
}

/** One processing of `set` by a processor with a fresh Git cache, as the catalog does it. */
async function expandOnce(set: Entity): Promise<CaseRun> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-appset-'));
  try {
    const source = new GitSource({ cacheDir });
    const processor = new ApplicationSetProcessor({
      clusters: [{ ...IN_CLUSTER, local: true }],
      git: new CatalogGitReader({ source: new SourceGitReader(source) }),
      catalog: staticCatalogLookup([component]),
    });
    const emitted: CatalogProcessorResult[] = [];
    const location = { type: 'url', target: `${GITOPS_REPO}/applicationsets/${set.metadata.name}.yaml` };
    const timed = await measure(() => processor.postProcessEntity(set, location, r => emitted.push(r)));
    const errors = emitted.flatMap(r => (r.type === 'error' ? [r.error.message] : []));
    if (errors.length > 0) throw new Error(`ApplicationSet ${set.metadata.name} did not expand: ${errors.join('; ')}`);
    const applications = emitted.filter(r => r.type === 'entity').length;
    return { seconds: timed.seconds, cpuSeconds: timed.cpuSeconds, applications };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function runCase(set: Entity, expected: number) {
  const runs: CaseRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await expandOnce(set);
    if (run.applications !== expected) {
      throw new Error(`ApplicationSet ${set.metadata.name} generated ${run.applications} Applications, expected ${expected}`);
    }
    runs.push(run);
  }
  const seconds = runs.map(r => r.seconds);
  return {
    applications: expected,
    medianSeconds: round(percentile(seconds, 50), 3),
    firstRunSeconds: round(seconds[0], 3),
    maxSeconds: round(Math.max(...seconds), 3),
    medianCpuSeconds: round(percentile(runs.map(r => r.cpuSeconds), 50), 3),
  };
}

export const appsetExpandScenario: BenchScenario = {
  name: 'appset-expand',
  async run() {
    const git = await startGitServer();
    try {
      const { url } = await git.createRepo('services', servicesRepo());
      const requestsBefore = await git.requestCount();
      const gitCase = await runCase(gitSet(url), GIT_DIRECTORIES);
      const gitRequestsPerRun = ((await git.requestCount()) - requestsBefore) / RUNS;
      const listCase = await runCase(listSet, LIST_ELEMENTS);
      const slower = Math.max(listCase.medianSeconds, gitCase.medianSeconds);
      return result({
        scenario: 'appset-expand',
        value: round(slower, 3),
        unit: 's',
        goal: 1,
        better: 'lower',
        details: {
          runsPerCase: RUNS,
          value: 'the slower median of the two cases',
          list: { elements: LIST_ELEMENTS, ...listCase },
          gitDirectories: { directories: GIT_DIRECTORIES, ...gitCase, gitRequestsPerRun },
          path: 'ApplicationSetProcessor.postProcessEntity (expansion, spec checks, Component lookup, Application entities) over CatalogGitReader → SourceGitReader → GitSource (isomorphic-git over smart HTTP), empty clone cache per run',
        },
      });
    } finally {
      await git.stop();
    }
  },
};
