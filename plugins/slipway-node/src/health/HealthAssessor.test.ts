import { HealthAssessor } from './HealthAssessor';
import { assessHealth, assessHealthLayered } from './assessHealth';
import { LuaHealthScripts } from './lua/LuaHealthScripts';
import { kube } from './testObjects';

describe('assessHealth', () => {
  it('reports objects being deleted as Progressing, before any kind check', () => {
    const obj = kube(
      'v1',
      'Pod',
      { status: { phase: 'Running' } },
      { deletionTimestamp: '2024-01-01T00:00:00Z' },
    );
    expect(assessHealth(obj)).toEqual({
      status: 'Progressing',
      message: 'Pending deletion',
    });
  });

  it('lets a deleted hook keep its own health', () => {
    const obj = kube(
      'v1',
      'Pod',
      { spec: { restartPolicy: 'Never' }, status: { phase: 'Succeeded' } },
      {
        deletionTimestamp: '2024-01-01T00:00:00Z',
        finalizers: ['argocd.argoproj.io/hook-finalizer'],
      },
    );
    expect(assessHealth(obj)?.status).toBe('Healthy');
  });

  it('uses built-in checks, then CRD checks, and knows nothing of other kinds', () => {
    expect(assessHealthLayered(kube('v1', 'Service'))?.layer).toBe('builtin');
    expect(
      assessHealthLayered(kube('bitnami.com/v1alpha1', 'SealedSecret'))?.layer,
    ).toBe('crd');
    expect(
      assessHealth(kube('bitnami.com/v1alpha1', 'SealedSecret'), {
        crdChecks: false,
      }),
    ).toBeUndefined();
    expect(assessHealth(kube('v1', 'ConfigMap'))).toBeUndefined();
    expect(
      assessHealth(kube('argoproj.io/v1alpha1', 'Application')),
    ).toBeUndefined();
  });

  it('answers Unknown with a reason for malformed objects instead of throwing', () => {
    expect(assessHealth({ metadata: {} } as any)?.status).toBe('Unknown');
    expect(
      assessHealth(kube('v1', 'Pod', { status: 'not an object' }))?.status,
    ).toBe('Unknown');
  });
});

describe('HealthAssessor', () => {
  it('falls back to Lua scripts only for kinds without a built-in or CRD check', async () => {
    const lua = new LuaHealthScripts(
      new Map([
        [
          'example.com/Widget',
          'return {status = "Degraded", message = "from lua"}',
        ],
        [
          'core/Service',
          'return {status = "Degraded", message = "never used"}',
        ],
      ]),
    );
    const assessor = new HealthAssessor({ lua });
    try {
      await expect(
        assessor.assess(kube('example.com/v1', 'Widget')),
      ).resolves.toEqual({
        status: 'Degraded',
        message: 'from lua',
      });
      expect(
        (await assessor.assessLayered(kube('example.com/v1', 'Widget')))?.layer,
      ).toBe('lua');
      expect((await assessor.assess(kube('v1', 'Service')))?.status).toBe(
        'Healthy',
      );
      expect(
        assessor.assessSync(kube('example.com/v1', 'Widget')),
      ).toBeUndefined();
      const all = await assessor.assessAll([
        kube('v1', 'Service'),
        kube('example.com/v1', 'Widget'),
        kube('v1', 'ConfigMap'),
      ]);
      expect(all.map(h => h?.status)).toEqual([
        'Healthy',
        'Degraded',
        undefined,
      ]);
    } finally {
      await assessor.close();
    }
  });
});
