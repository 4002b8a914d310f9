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
});
