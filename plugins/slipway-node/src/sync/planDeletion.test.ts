import { KubeObject } from '@slipway/plugin-slipway-common';
import { planDeletion } from './planDeletion';
import { stampManaged } from './tracking';

const cm = (name: string, options?: string): KubeObject =>
  stampManaged(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: 'shop',
        ...(options
          ? { annotations: { 'argocd.argoproj.io/sync-options': options } }
          : {}),
      },
    },
    'shop',
  );

describe('planDeletion', () => {
  it('deletes managed objects, keeps Delete=false ones and ignores foreign ones', () => {
    const ns = stampManaged(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      'shop',
    );
    const deploy = stampManaged(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
      },
      'shop',
    );
    const foreign = stampManaged(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 'shop' },
      },
      'other',
    );
    const plan = planDeletion('shop', [
      ns,
      cm('kept', 'Delete=false'),
      foreign,
      cm('a'),
      deploy,
    ]);
    expect(plan.delete.map(d => `${d.key.kind}/${d.key.name}`)).toEqual([
      'Deployment/web',
      'ConfigMap/a',
      'Namespace/shop',
    ]);
    expect(plan.retain).toEqual([
      {
        key: { group: '', kind: 'ConfigMap', namespace: 'shop', name: 'kept' },
        reason: 'kept (Delete=false)',
      },
    ]);
  });

  it("honours the Application's Delete option, which a resource's annotation overrides, and keeps Delete=confirm ones until confirmed", () => {
    const live = [
      cm('plain'),
      cm('confirm', 'Delete=confirm'),
      cm('forced', 'Delete=true'),
    ];
    const names = (plan: ReturnType<typeof planDeletion>) => ({
      deleted: plan.delete.map(d => d.key.name),
      kept: plan.retain.map(r => `${r.key.name}: ${r.reason}`),
    });
    expect(
      names(planDeletion('shop', live, { syncOptions: ['Delete=false'] })),
    ).toEqual({
      deleted: ['forced'],
      kept: [
        'plain: kept (Delete=false)',
        'confirm: kept (Delete=confirm: delete again with the deletion confirmed)',
      ],
    });
    expect(names(planDeletion('shop', live))).toEqual({
      deleted: ['forced', 'plain'],
      kept: [
        'confirm: kept (Delete=confirm: delete again with the deletion confirmed)',
      ],
    });
    expect(
      names(planDeletion('shop', live, { confirmed: true })).deleted,
    ).toEqual(['confirm', 'forced', 'plain']);
    expect(
      names(
        planDeletion('shop', live, {
          syncOptions: ['Delete=confirm'],
          confirmed: false,
        }),
      ).kept,
    ).toEqual([
      'plain: kept (Delete=confirm: delete again with the deletion confirmed)',
      'confirm: kept (Delete=confirm: delete again with the deletion confirmed)',
    ]);
  });

  it("keeps CustomResourceDefinitions and helm.sh/resource-policy: keep objects, as Argo CD's cascade delete does", () => {
    const crd = stampManaged(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
      },
      'shop',
    );
    const data = stampManaged(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: 'data',
          namespace: 'shop',
          annotations: { 'helm.sh/resource-policy': 'keep' },
        },
      },
      'shop',
    );
    const plan = planDeletion('shop', [crd, data, cm('a')]);
    expect(plan.delete.map(d => d.key.name)).toEqual(['a']);
    expect(plan.retain).toEqual([
      {
        key: expect.objectContaining({ name: 'widgets.example.com' }),
        reason: expect.stringMatching(/^kept: a CustomResourceDefinition is not deleted with its application/),
      },
      {
        key: expect.objectContaining({ name: 'data' }),
        reason: 'kept (helm.sh/resource-policy: keep)',
      },
    ]);
  });

  it('deletes the highest sync wave first, workloads before namespaces within a wave', () => {
    const waved = (kind: string, name: string, wave?: string): KubeObject =>
      stampManaged(
        {
          apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1',
          kind,
          metadata: {
            name,
            ...(kind === 'Namespace' ? {} : { namespace: 'shop' }),
            ...(wave === undefined ? {} : { annotations: { 'argocd.argoproj.io/sync-wave': wave } }),
          },
        },
        'shop',
      );
    const plan = planDeletion('shop', [
      waved('Namespace', 'shop', '-1'),
      waved('Deployment', 'operator'),
      waved('ConfigMap', 'settings', '10'),
      waved('Deployment', 'app', '5'),
      waved('ConfigMap', 'cert', '5'),
      waved('ConfigMap', 'odd', 'soon'),
    ]);
    expect(plan.delete.map(d => `${d.wave}:${d.key.name}`)).toEqual([
      '10:settings',
      '5:app',
      '5:cert',
      '0:operator',
      '0:odd',
      '-1:shop',
    ]);
  });
});
