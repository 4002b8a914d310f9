import { KubeSim, startKubeSim } from '../startKubeSim';
import { deploymentManifest, rest, Rest } from '../__testUtils__/rest';

const SMP = 'application/strategic-merge-patch+json';
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

/**
 * PATCH semantics from "Update API Objects in Place Using kubectl patch" and
 * the API conventions: strategic merge patch uses the patchMergeKey of the
 * built-in types (containers by name, container ports by containerPort, env
 * by name), JSON merge patch (RFC 7386) replaces lists, JSON patch (RFC 6902)
 * is atomic and its `test` operation guards the whole patch.
 */
describe('patch types', () => {
  let sim: KubeSim;
  let api: Rest;
  const path = (name: string) =>
    `/apis/apps/v1/namespaces/default/deployments/${name}`;
  const create = async (name: string, mutate: (d: any) => void = () => {}) => {
    const d = deploymentManifest(name);
    mutate(d);
    const res = await api.post(
      '/apis/apps/v1/namespaces/default/deployments',
      d,
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const containers = (d: any) => d.spec.template.spec.containers;

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  describe('strategic merge patch', () => {
    it('merges containers by name: a new name is added, a known name is merged field by field', async () => {
      await create('smp-containers');
      const added = await api.patch(path('smp-containers'), SMP, {
        spec: {
          template: {
            spec: { containers: [{ name: 'sidecar', image: 'busybox:1' }] },
          },
        },
      });
      expect(added.status).toBe(200);
      expect(containers(added.body).map((c: any) => c.name)).toEqual([
        'main',
        'sidecar',
      ]);
      const merged = await api.patch(path('smp-containers'), SMP, {
        spec: {
          template: {
            spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
          },
        },
      });
      const main = containers(merged.body).find((c: any) => c.name === 'main');
      expect(main.image).toBe('nginx:1.27');
      expect(main.ports).toEqual([
        { containerPort: 80, name: 'http', protocol: 'TCP' },
      ]);
      expect(containers(merged.body)).toHaveLength(2);
    });

    it('merges container ports by containerPort', async () => {
      await create('smp-ports');
      const res = await api.patch(path('smp-ports'), SMP, {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'main',
                  ports: [
                    { containerPort: 443, name: 'https' },
                    { containerPort: 80, name: 'web' },
                  ],
                },
              ],
            },
          },
        },
      });
      expect(res.status).toBe(200);
      const ports = containers(res.body)[0].ports;
      expect(ports).toHaveLength(2);
      expect(ports).toEqual(
        expect.arrayContaining([
          { containerPort: 80, name: 'web', protocol: 'TCP' },
          { containerPort: 443, name: 'https', protocol: 'TCP' },
        ]),
      );
    });

    it('merges env by name and removes an element with $patch: delete', async () => {
      await create('smp-env', d => {
        containers(d)[0].env = [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
          { name: 'C', value: '3' },
        ];
      });
      const res = await api.patch(path('smp-env'), SMP, {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'main',
                  env: [
                    { name: 'A', value: '9' },
                    { name: 'B', $patch: 'delete' },
                    { name: 'D', value: '4' },
                  ],
                },
              ],
            },
          },
        },
      });
      expect(res.status).toBe(200);
      expect(containers(res.body)[0].env).toEqual([
        { name: 'A', value: '9' },
        { name: 'C', value: '3' },
        { name: 'D', value: '4' },
      ]);
    });

    it('replaces lists without a merge key (container args) and deletes map keys set to null', async () => {
      await create('smp-atomic', d => {
        containers(d)[0].args = ['--a', '--b'];
        d.metadata.labels = { keep: 'yes', drop: 'yes' };
      });
      const res = await api.patch(path('smp-atomic'), SMP, {
        metadata: { labels: { drop: null } },
        spec: {
          template: { spec: { containers: [{ name: 'main', args: ['--c'] }] } },
        },
      });
      expect(containers(res.body)[0].args).toEqual(['--c']);
      expect(res.body.metadata.labels).toEqual({ keep: 'yes' });
    });

    it('$patch: replace on a list replaces it instead of merging', async () => {
      await create('smp-replace');
      const res = await api.patch(path('smp-replace'), SMP, {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'only', image: 'busybox:1' },
                { $patch: 'replace' },
              ],
            },
          },
        },
      });
      expect(containers(res.body).map((c: any) => c.name)).toEqual(['only']);
    });

    it('$retainKeys clears the fields it does not list (the documented Recreate strategy example)', async () => {
      await create('smp-retain');
      const res = await api.patch(path('smp-retain'), SMP, {
        spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
      });
      expect(res.status).toBe(200);
      expect(res.body.spec.strategy).toEqual({ type: 'Recreate' });
    });

    it('is refused with 415 for custom resources', async () => {
      await api.post(
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'gadgets.example.com' },
          spec: {
            group: 'example.com',
            scope: 'Namespaced',
            names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
            versions: [
              {
                name: 'v1',
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
        },
      );
      const gadgets = '/apis/example.com/v1/namespaces/default/gadgets';
      let created;
      for (let i = 0; i < 50; i++) {
        created = await api.post(gadgets, {
          apiVersion: 'example.com/v1',
          kind: 'Gadget',
          metadata: { name: 'g' },
          spec: { size: 1 },
        });
        if (created.status === 201) break;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(created!.status).toBe(201);
      const res = await api.patch(`${gadgets}/g`, SMP, { spec: { size: 2 } });
      expect(res.status).toBe(415);
      const merged = await api.patch(`${gadgets}/g`, MERGE, {
        spec: { size: 2 },
      });
      expect(merged.body.spec).toEqual({ size: 2 });
    });
  });

  describe('JSON merge patch', () => {
    it('replaces lists as a whole and deletes keys set to null', async () => {
      await create('merge-list', d => {
        d.metadata.annotations = { a: '1', b: '2' };
        containers(d).push({ name: 'sidecar', image: 'busybox:1' });
      });
      const res = await api.patch(path('merge-list'), MERGE, {
        metadata: { annotations: { a: null } },
        spec: {
          template: {
            spec: { containers: [{ name: 'main', image: 'nginx:2' }] },
          },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.metadata.annotations).toMatchObject({ b: '2' });
      expect(res.body.metadata.annotations).not.toHaveProperty('a');
      expect(containers(res.body)).toHaveLength(1);
      expect(containers(res.body)[0]).toMatchObject({
        name: 'main',
        image: 'nginx:2',
      });
      // the replaced container is defaulted again and loses its ports
      expect(containers(res.body)[0].ports).toBeUndefined();
      expect(containers(res.body)[0].imagePullPolicy).toBe('IfNotPresent');
    });
  });

  describe('JSON patch', () => {
    it('applies all operations when the test operation holds', async () => {
      await create('json-ok');
      const res = await api.patch(path('json-ok'), JSON_PATCH, [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/metadata/labels', value: { patched: 'true' } },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.spec.replicas).toBe(3);
      expect(res.body.metadata.labels).toEqual({ patched: 'true' });
    });

    it('applies nothing when a test operation fails (422)', async () => {
      await create('json-fail');
      const res = await api.patch(path('json-fail'), JSON_PATCH, [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'test', path: '/spec/replicas', value: 2 },
      ]);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        code: 422,
      });
      const after = await api.get(path('json-fail'));
      expect(after.body.spec.replicas).toBe(2);
      expect(after.body.metadata.generation).toBe(1);
    });

    it('addresses list elements by index and "-" appends', async () => {
      await create('json-index');
      const res = await api.patch(path('json-index'), JSON_PATCH, [
        {
          op: 'add',
          path: '/spec/template/spec/containers/-',
          value: { name: 'tail', image: 'busybox:1' },
        },
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'nginx:3',
        },
      ]);
      expect(containers(res.body).map((c: any) => [c.name, c.image])).toEqual([
        ['main', 'nginx:3'],
        ['tail', 'busybox:1'],
      ]);
    });

    it('refuses to remove a missing path with 422', async () => {
      await create('json-missing');
      const res = await api.patch(path('json-missing'), JSON_PATCH, [
        { op: 'remove', path: '/metadata/labels/nothing' },
      ]);
      expect(res.status).toBe(422);
    });
  });
});
