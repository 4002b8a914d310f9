import { Entity } from '@backstage/catalog-model';
import { ArgoEntityProcessor } from './ArgoEntityProcessor';

const application: Entity = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: {
      repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
      targetRevision: 'HEAD',
      path: 'guestbook',
    },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
  },
};

const applicationSet: Entity = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'guestbook' },
  spec: {
    goTemplate: true,
    generators: [{ list: { elements: [{ cluster: 'engineering-dev', url: 'https://1.2.3.4' }] } }],
    template: {
      metadata: { name: '{{.cluster}}-guestbook' },
      spec: {
        project: 'my-project',
        source: { repoURL: 'https://github.com/infra-team/cluster-deployments.git', targetRevision: 'HEAD', path: 'guestbook/{{.cluster}}' },
        destination: { server: '{{.url}}', namespace: 'guestbook' },
      },
    },
  },
};

describe('ArgoEntityProcessor', () => {
  const processor = new ArgoEntityProcessor();

  it('accepts Argo CD Applications and ApplicationSets as written in the Argo CD docs', async () => {
    await expect(processor.validateEntityKind(application)).resolves.toBe(true);
    await expect(processor.validateEntityKind(applicationSet)).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({ ...application, apiVersion: 'argoproj.io/v1beta1' }),
    ).resolves.toBe(false);
  });

  it('names every problem of a malformed Application', async () => {
    const broken = { ...application, spec: { project: 3, destination: {} } } as Entity;
    await expect(processor.validateEntityKind(broken)).rejects.toThrow(
      /Application 'guestbook' is not a valid Argo CD Application: spec needs 'source' or 'sources'; spec.destination needs 'server' or 'name'; spec.project must be a string/,
    );
  });

  it('requires generators and a template on an ApplicationSet', async () => {
    const broken = { ...applicationSet, spec: { generators: [], template: 'x' } } as Entity;
    await expect(processor.validateEntityKind(broken)).rejects.toThrow(
      /spec.generators must be a non-empty list; spec.template must be an object/,
    );
  });

  it('requires a repository and a path or chart in each source', async () => {
    const broken = {
      ...application,
      spec: { ...application.spec, source: undefined, sources: [{ repoURL: 'https://charts.example.com' }] },
    } as Entity;
    await expect(processor.validateEntityKind(broken)).rejects.toThrow(
      /spec.sources\[0\] needs 'path' \(a folder in the repository\) or 'chart'/,
    );
  });
});

describe('ArgoEntityProcessor relations', () => {
  it('emits the relations of an Application from its annotations', async () => {
    const processor = new ArgoEntityProcessor();
    const emitted: any[] = [];
    const entity: Entity = {
      ...application,
      metadata: {
        name: 'payments-prod',
        namespace: 'default',
        annotations: {
          'slipway.io/application-set': 'applicationset:default/payments',
          'slipway.io/component': 'payments',
        },
      },
    };
    await processor.postProcessEntity(entity, { type: 'file', target: 'x' }, r => emitted.push(r));
    expect(emitted.map(r => `${r.relation.type} ${r.relation.target.name}`)).toEqual([
      'partOf payments',
      'hasPart payments-prod',
      'dependencyOf payments',
      'dependsOn payments-prod',
    ]);
  });

  it('relates a child of an app of apps to its parent Application, and a child ApplicationSet too', async () => {
    const processor = new ArgoEntityProcessor();
    const emitted: any[] = [];
    const parent = { 'slipway.io/parent-application': 'application:team/apps' };
    await processor.postProcessEntity(
      { ...application, metadata: { name: 'guestbook', namespace: 'team', annotations: parent } },
      { type: 'slipway-application', target: 'application:team/apps' },
      r => emitted.push(r),
    );
    await processor.postProcessEntity(
      { ...applicationSet, metadata: { name: 'addons', namespace: 'team', annotations: parent } },
      { type: 'slipway-application', target: 'application:team/apps' },
      r => emitted.push(r),
    );
    // entity refs compare without case: kinds are shown lower-cased here
    const describeRelation = (r: any) =>
      `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.namespace}/${r.relation.target.name}`.toLocaleLowerCase('en-US');
    expect(emitted.map(describeRelation)).toEqual([
      'application:guestbook partof application:team/apps',
      'application:apps haspart application:team/guestbook',
      'applicationset:addons partof application:team/apps',
      'application:apps haspart applicationset:team/addons',
    ]);
  });

  it('emits nothing for other kinds', async () => {
    const emitted: any[] = [];
    await new ArgoEntityProcessor().postProcessEntity(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } },
      { type: 'file', target: 'x' },
      r => emitted.push(r),
    );
    expect(emitted).toEqual([]);
  });
});
