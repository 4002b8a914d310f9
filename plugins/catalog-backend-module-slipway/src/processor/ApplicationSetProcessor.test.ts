import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorCache, CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { InMemoryGitReader } from '@slipway/plugin-slipway-node';
import { staticCatalogLookup } from '../catalog/InMemoryCatalogLookup';
import { ApplicationSetProcessor } from './ApplicationSetProcessor';

const location = { type: 'file', target: '/gitops/applicationsets/payments.yaml' };
const REPO = 'https://git.example.com/slipway/demo-gitops.git';

function listSet(name: string, envs: string[], extra: Partial<Entity['metadata']> = {}): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace: 'default', ...extra },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: envs.map(env => ({ env })) } }],
      template: {
        metadata: { name: `${name}-{{.env}}`, labels: { 'slipway.io/environment': '{{.env}}' } },
        spec: {
          project: 'default',
          source: { repoURL: REPO, targetRevision: 'HEAD', path: `apps/${name}/overlays/{{.env}}` },
          destination: { name: 'embedded', namespace: `${name}-{{.env}}` },
        },
      },
    },
  };
}

const paymentsComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team', system: 'shop' },
};

/** ApplicationSets the catalog already holds: their failures keep their last good expansion. */
const storedSets = ['payments', 'infrastructure'].map(name => listSet(name, []));

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    get: async (key: string) => values.get(key),
    set: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  } as CatalogProcessorCache;
}

async function run(processor: ApplicationSetProcessor, entity: Entity, cache?: CatalogProcessorCache) {
  const emitted: CatalogProcessorResult[] = [];
  const returned = await processor.postProcessEntity(entity, location, r => emitted.push(r), cache);
  return {
    returned,
    entities: emitted.flatMap(r => (r.type === 'entity' ? [r] : [])),
    errors: emitted.flatMap(r => (r.type === 'error' ? [r.error.message] : [])),
  };
}

describe('ApplicationSetProcessor', () => {
  it('emits one Application entity per generated Application, inheriting owner and system from the Component', async () => {
    const catalog = staticCatalogLookup([paymentsComponent]);
    const processor = new ApplicationSetProcessor({ clusters: [], catalog });
    const set = listSet('payments', ['dev', 'staging', 'prod']);
    const { returned, entities, errors } = await run(processor, set);

    expect(errors).toEqual([]);
    expect(returned).toBe(set);
    expect(entities.map(e => e.entity.metadata.name)).toEqual(['payments-dev', 'payments-prod', 'payments-staging']);
    const prod = entities[1];
    expect(prod.location).toEqual(location);
    expect(prod.entity).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        namespace: 'default',
        labels: { 'slipway.io/environment': 'prod', 'slipway.io/cluster': 'embedded', 'slipway.io/namespace': 'payments-prod' },
        annotations: {
          'slipway.io/application-set': 'applicationset:default/payments',
          'slipway.io/component': 'component:default/payments',
          'slipway.io/owner': 'group:default/payments-team',
          'slipway.io/system': 'system:default/shop',
        },
      },
      spec: { source: { path: 'apps/payments/overlays/prod' }, destination: { name: 'embedded', namespace: 'payments-prod' } },
    });
    // one location key per set, so that another set can never overwrite these
    expect(new Set(entities.map(e => e.locationKey))).toEqual(new Set(['slipway-applicationset:applicationset:default/payments']));
  });

  it('reads the Component named by slipway.io/component, and inherits nothing when it does not exist', async () => {
    const catalog = staticCatalogLookup([paymentsComponent]);
    const processor = new ApplicationSetProcessor({ clusters: [], catalog });
    const named = await run(processor, listSet('checkout', ['dev'], { annotations: { 'slipway.io/component': 'payments' } }));
    expect(named.entities[0].entity.metadata.annotations).toMatchObject({
      'slipway.io/component': 'payments',
      'slipway.io/owner': 'group:default/payments-team',
    });
    expect(catalog.calls[0]).toEqual(['component:default/payments']);

    const missing = await run(processor, listSet('storefront', ['dev']));
    expect(missing.errors).toEqual([]);
    expect(missing.entities[0].entity.metadata.annotations).not.toHaveProperty('slipway.io/owner');
    expect(missing.entities[0].entity.metadata.annotations).not.toHaveProperty('slipway.io/system');
  });

  it('expands a git directories generator through the Git reader', async () => {
    const git = new InMemoryGitReader({
      'infrastructure/network-policies/default-deny.yaml': 'kind: NetworkPolicy',
      'infrastructure/observability/configmap.yaml': 'kind: ConfigMap',
    });
    const processor = new ApplicationSetProcessor({ clusters: [], git, catalog: staticCatalogLookup([]) });
    const set: Entity = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'infrastructure', namespace: 'default' },
      spec: {
        generators: [{ git: { repoURL: REPO, revision: 'HEAD', directories: [{ path: 'infrastructure/*' }] } }],
        template: {
          metadata: { name: 'infra-{{path.basename}}' },
          spec: {
            project: 'default',
            source: { repoURL: REPO, targetRevision: 'HEAD', path: '{{path}}' },
            destination: { name: 'embedded', namespace: '{{path.basename}}' },
          },
        },
      },
    };
    const { entities, errors } = await run(processor, set);
    expect(errors).toEqual([]);
    expect(entities.map(e => [e.entity.metadata.name, (e.entity.spec as any).source.path])).toEqual([
      ['infra-network-policies', 'infrastructure/network-policies'],
      ['infra-observability', 'infrastructure/observability'],
    ]);
    expect(git.calls).toEqual([`listDirectories ${REPO}@HEAD infrastructure/*`]);
  });

  it('targets the configured clusters with a clusters generator', async () => {
    const processor = new ApplicationSetProcessor({
      clusters: [
        { name: 'embedded', server: 'embedded', local: true },
        { name: 'prod-eu', server: 'https://10.0.0.1:6443', labels: { env: 'prod' } },
      ],
      catalog: staticCatalogLookup([]),
    });
    const set = listSet('guestbook', []);
    (set.spec as any).generators = [{ clusters: {} }];
    (set.spec as any).template.metadata = { name: 'guestbook-{{.name}}' };
    (set.spec as any).template.spec.destination = { name: '{{.name}}', namespace: 'guestbook' };
    (set.spec as any).template.spec.source.path = 'guestbook';
    const { entities, errors } = await run(processor, set);
    expect(errors).toEqual([]);
    expect(entities.map(e => e.entity.metadata.labels?.['slipway.io/cluster'])).toEqual(['embedded', 'prod-eu']);
  });

  it('reports a broken template on the ApplicationSet, naming where and what to fix, and emits no entities', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup(storedSets) });
    const set = listSet('payments', ['dev']);
    (set.spec as any).template.metadata.name = 'payments-{{.environment}}';
    const { entities, errors } = await run(processor, set);
    expect(entities).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ApplicationSet "payments": /);
    expect(errors[0]).toMatch(/environment/);
    expect(errors[0]).toMatch(/last good expansion are kept/);
  });

  it('reports a failing Git read as an error, not as an empty expansion', async () => {
    const git = {
      listDirectories: async () => {
        throw new Error('could not reach git.example.com');
      },
      readFiles: async () => [],
    };
    const processor = new ApplicationSetProcessor({ clusters: [], git, catalog: staticCatalogLookup(storedSets) });
    const set = listSet('infrastructure', []);
    (set.spec as any).generators = [{ git: { repoURL: REPO, revision: 'HEAD', directories: [{ path: 'infrastructure/*' }] } }];
    (set.spec as any).template.metadata = { name: 'infra-{{.path.basename}}' };
    const { entities, errors } = await run(processor, set);
    expect(entities).toEqual([]);
    expect(errors.join('\n')).toMatch(/ApplicationSet "infrastructure": spec\.generators\[0\].*could not reach git\.example\.com/s);
  });

  it('rejects a generated Application without a destination, naming it', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup(storedSets) });
    const set = listSet('payments', ['dev']);
    delete (set.spec as any).template.spec.destination;
    const { entities, errors } = await run(processor, set);
    expect(entities).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/ApplicationSet "payments": spec\.template: generated Application "payments-dev" is not valid: spec\.destination must be an object/),
    ]);
  });

  it('reports an Application name another ApplicationSet already generates, instead of overwriting it', async () => {
    const taken: Entity = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'payments-prod',
        namespace: 'default',
        annotations: { 'slipway.io/application-set': 'applicationset:default/payments-legacy' },
      },
      spec: {},
    };
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([taken, ...storedSets]) });
    const { entities, errors } = await run(processor, listSet('payments', ['dev', 'prod']));
    expect(entities).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(
        /ApplicationSet "payments".*application:default\/payments-prod.*ApplicationSet applicationset:default\/payments-legacy already defines/,
      ),
    ]);
  });

  it('does not count its own earlier Applications as collisions', async () => {
    const own: Entity = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'payments-prod',
        namespace: 'default',
        annotations: { 'slipway.io/application-set': 'applicationset:default/payments' },
      },
      spec: {},
    };
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([own]) });
    const { entities, errors } = await run(processor, listSet('payments', ['prod']));
    expect(errors).toEqual([]);
    expect(entities).toHaveLength(1);
  });

  it('keeps the last good expansion when the catalog cannot be read', async () => {
    const processor = new ApplicationSetProcessor({
      clusters: [],
      catalog: {
        getEntitiesByRefs: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    const { entities, errors } = await run(processor, listSet('payments', ['prod']));
    expect(entities).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/ApplicationSet "payments": could not read its Component.*ECONNREFUSED/)]);
  });

  it('stores a new set whose first expansion fails without Applications, so that its errors can show on it', async () => {
    const broken = listSet('checkout', ['dev'], {});
    (broken.spec as any).template.metadata.name = 'checkout-{{.environment}}';
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([]) });
    const first = await run(processor, broken);
    expect([first.entities, first.errors]).toEqual([[], []]);
    expect(first.returned).toBe(broken);

    // once the catalog holds the set, failures are errors on it
    const next = await run(new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([broken]) }), broken);
    expect(next.errors).toEqual([expect.stringMatching(/^ApplicationSet "checkout": /)]);
  });

  it('remembers a good expansion, so that a later failure keeps it even before the catalog shows the set', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([]) });
    const cache = memoryCache();
    const good = await run(processor, listSet('checkout', ['dev']), cache);
    expect(good.entities).toHaveLength(1);
    const broken = listSet('checkout', ['dev']);
    (broken.spec as any).template.metadata.name = 'checkout-{{.environment}}';
    const failed = await run(processor, broken, cache);
    expect(failed.entities).toEqual([]);
    expect(failed.errors).toHaveLength(1);
  });

  it('follows spec.syncPolicy.applicationsSync: create-update keeps Applications the set no longer generates', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([paymentsComponent]) });
    const cache = memoryCache();
    const withPolicy = (envs: string[], applicationsSync: string) => {
      const set = listSet('payments', envs);
      return { ...set, spec: { ...set.spec, syncPolicy: { applicationsSync } } };
    };
    const names = async (set: Entity) => (await run(processor, set, cache)).entities.map(e => e.entity.metadata.name);
    expect(await names(withPolicy(['dev', 'staging'], 'create-update'))).toEqual(['payments-dev', 'payments-staging']);
    expect(await names(withPolicy(['dev'], 'create-update'))).toEqual(['payments-dev', 'payments-staging']);
    // create-only keeps an Application as it was first emitted
    const changed = withPolicy(['dev', 'qa'], 'create-only');
    (changed.spec as any).template.spec.source.path = 'apps/payments/v2/{{.env}}';
    const emitted = (await run(processor, changed, cache)).entities.map(e => [e.entity.metadata.name, (e.entity.spec as any).source.path]);
    expect(emitted).toEqual([
      ['payments-dev', 'apps/payments/overlays/dev'],
      ['payments-qa', 'apps/payments/v2/qa'],
      ['payments-staging', 'apps/payments/overlays/staging'],
    ]);
  });

  it('annotates the Applications of a RollingSync set with their step, for the engine to roll out', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([paymentsComponent]) });
    const set = listSet('payments', ['dev', 'prod', 'test']);
    const strategy = {
      type: 'RollingSync',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'slipway.io/environment', operator: 'In', values: ['dev'] }] },
          { matchExpressions: [{ key: 'slipway.io/environment', operator: 'In', values: ['prod'] }], maxUpdate: '50%' },
        ],
      },
    };
    const { entities, errors } = await run(processor, { ...set, spec: { ...set.spec, strategy } });
    expect(errors).toEqual([]);
    expect(
      entities.map(e => [
        e.entity.metadata.name,
        e.entity.metadata.annotations?.['slipway.io/rolling-sync-step'],
        e.entity.metadata.annotations?.['slipway.io/rolling-sync-max-update'],
      ]),
    ).toEqual([
      ['payments-dev', '0', undefined],
      ['payments-prod', '1', '50%'],
      ['payments-test', 'none', undefined],
    ]);
  });

  it('refuses an applicationsSync policy Argo CD does not know, naming it', async () => {
    const processor = new ApplicationSetProcessor({ clusters: [], catalog: staticCatalogLookup([paymentsComponent, ...storedSets]) });
    const set = listSet('payments', ['dev']);
    const { entities, errors } = await run(processor, { ...set, spec: { ...set.spec, syncPolicy: { applicationsSync: 'keep' } } });
    expect(entities).toEqual([]);
    expect(errors[0]).toMatch(/spec\.syncPolicy\.applicationsSync is "keep"; use one of create-only, create-update, create-delete, sync/);
  });

  it('leaves other entities alone', async () => {
    const catalog = staticCatalogLookup([]);
    const processor = new ApplicationSetProcessor({ clusters: [], catalog });
    const { entities, errors } = await run(processor, paymentsComponent);
    expect([entities, errors, catalog.calls]).toEqual([[], [], []]);
  });
});
