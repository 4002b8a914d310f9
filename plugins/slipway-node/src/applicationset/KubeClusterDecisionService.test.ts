import https from 'node:https';
import { ConfigReader } from '@backstage/config';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { expandApplicationSet } from './expand';
import {
  KubeClusterDecisionService,
  readClusterDecisionResources,
} from './KubeClusterDecisionService';

jest.setTimeout(60_000);

// Generators-Cluster-Decision-Resource.md: Open Cluster Management's PlacementDecision as the duck type
const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'placementdecisions.cluster.open-cluster-management.io' },
  spec: {
    group: 'cluster.open-cluster-management.io',
    scope: 'Namespaced',
    names: {
      plural: 'placementdecisions',
      singular: 'placementdecision',
      kind: 'PlacementDecision',
    },
    versions: [
      {
        name: 'v1beta1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

const decision = (
  name: string,
  labels: Record<string, string>,
  clusters: string[],
) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1beta1',
  kind: 'PlacementDecision',
  metadata: { name, namespace: 'argocd', labels },
  status: {
    decisions: clusters.map(clusterName => ({ clusterName, reason: 'placed' })),
  },
});

const appSet = (generator: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'book-import', namespace: 'argocd' },
  spec: {
    goTemplate: true,
    generators: [
      {
        clusterDecisionResource: {
          configMapRef: 'ocm-placement',
          ...generator,
          values: { tier: 'gold' },
        },
      },
    ],
    template: {
      metadata: { name: '{{.name}}-book-import' },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://git.example.com/books.git',
          targetRevision: 'HEAD',
          path: 'books/{{.values.tier}}',
        },
        destination: { server: '{{.server}}', namespace: 'books' },
      },
    },
  },
});

describe('clusterDecisionResource generator against a cluster', () => {
  let sim: KubeSim;
  let service: KubeClusterDecisionService;
  const clusters = [
    { name: 'cluster-01', server: 'https://cluster-01.example.com' },
    { name: 'cluster-02', server: 'https://cluster-02.example.com' },
  ];

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, tls: true });
    // kube-sim serves HTTPS with its own certificate, as a cluster does
    const post = (path: string, body: unknown) =>
      new Promise<void>((resolve, reject) => {
        const req = https.request(
          `${sim.url}${path}`,
          {
            method: 'POST',
            ca: sim.caCertificate,
            headers: {
              authorization: `Bearer ${sim.token}`,
              'content-type': 'application/json',
            },
          },
          res => {
            let text = '';
            res.on('data', chunk => (text += chunk));
            res.on('end', () =>
              res.statusCode! < 300
                ? resolve()
                : reject(new Error(`${path}: ${res.statusCode} ${text}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    await post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', CRD);
    await post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'argocd' },
    });
    const placements =
      '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/argocd/placementdecisions';
    await post(
      placements,
      decision('quak', { placement: 'books' }, [
        'cluster-01',
        'cluster-02',
        'unknown-cluster',
      ]),
    );
    await post(
      placements,
      decision('other', { placement: 'music' }, ['cluster-02']),
    );
    const config = new ConfigReader({
      slipway: {
        clusters: [
          {
            name: 'hub',
            url: sim.url,
            token: sim.token,
            caData: Buffer.from(sim.caCertificate!).toString('base64'),
          },
        ],
        applicationSets: {
          clusterDecisionResources: [
            {
              name: 'ocm-placement',
              apiVersion: 'cluster.open-cluster-management.io/v1beta1',
              kind: 'placementdecisions',
              statusListKey: 'decisions',
              matchKey: 'clusterName',
              cluster: 'hub',
              namespace: 'argocd',
            },
          ],
        },
      },
    });
    service = KubeClusterDecisionService.fromConfig(config);
  });
  afterAll(() => sim?.stop());

  it('generates an Application per decided cluster it knows, by resource name, with the decision fields', async () => {
    const result = await expandApplicationSet(appSet({ name: 'quak' }), {
      clusters,
      clusterDecisions: service,
    });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        (a.spec.destination as { server: string }).server,
        (a.spec.source as { path: string }).path,
      ]),
    ).toEqual([
      [
        'cluster-01-book-import',
        'https://cluster-01.example.com',
        'books/gold',
      ],
      [
        'cluster-02-book-import',
        'https://cluster-02.example.com',
        'books/gold',
      ],
    ]);
  });

  it('selects the resources by labels instead of by name', async () => {
    const result = await expandApplicationSet(
      appSet({ labelSelector: { matchLabels: { placement: 'music' } } }),
      {
        clusters,
        clusterDecisions: service,
      },
    );
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'cluster-02-book-import',
    ]);
  });

  it('reports what is wrong: no such resource, an unknown duck type, name and labelSelector together', async () => {
    const missing = await expandApplicationSet(appSet({ name: 'absent' }), {
      clusters,
      clusterDecisions: service,
    });
    expect(missing.errors[0].message).toMatch(
      /duck type "ocm-placement": no placementdecisions.cluster.open-cluster-management.io found in namespace argocd named absent/,
    );
    const unknown = await expandApplicationSet(
      appSet({ name: 'quak', configMapRef: 'nope' }),
      { clusters, clusterDecisions: service },
    );
    expect(unknown.errors[0].message).toMatch(
      /no duck type of this name is configured \(configured: ocm-placement\)/,
    );
    const both = await expandApplicationSet(
      appSet({ name: 'quak', labelSelector: { matchLabels: { a: 'b' } } }),
      { clusters, clusterDecisions: service },
    );
    expect(both.errors[0].message).toMatch(
      /give either "name" \(one resource\) or "labelSelector", not both and not neither/,
    );
  });

  it('refuses a duck type whose apiVersion has no group', () => {
    const config = new ConfigReader({
      slipway: {
        applicationSets: {
          clusterDecisionResources: [
            { name: 'x', apiVersion: 'v1', kind: 'configmaps', matchKey: 'k' },
          ],
        },
      },
    });
    expect(() => readClusterDecisionResources(config)).toThrow(
      /apiVersion must be group\/version/,
    );
  });
});
