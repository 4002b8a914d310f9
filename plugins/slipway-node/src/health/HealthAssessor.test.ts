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

  it('reads an object being deleted whose finalizers are not a list as pending deletion, without failing', () => {
    const obj = kube(
      'v1',
      'ConfigMap',
      {},
      { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: {} as any },
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
  it('serves kinds without a check of their own from Lua scripts', async () => {
    const lua = new LuaHealthScripts(
      new Map([
        [
          'example.com/Widget',
          'return {status = "Degraded", message = "from lua"}',
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

  it("prefers the Lua folder's script to Slipway's own check of its kind, as Argo CD prefers its bundled scripts to its Go checks", async () => {
    const lua = new LuaHealthScripts(
      new Map([
        [
          'keda.sh/ScaledObject',
          'return {status = "Suspended", message = "from the folder"}',
        ],
        [
          'core/Service',
          'return {status = "Degraded", message = "from the folder too"}',
        ],
      ]),
    );
    const assessor = new HealthAssessor({ lua });
    const scaledObject = kube('keda.sh/v1alpha1', 'ScaledObject', {
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    try {
      expect(await assessor.assessLayered(scaledObject)).toEqual({
        health: { status: 'Suspended', message: 'from the folder' },
        layer: 'lua',
      });
      expect((await assessor.assessAll([scaledObject]))[0]?.status).toBe(
        'Suspended',
      );
      // without a script, Slipway's own check answers
      expect(
        (await new HealthAssessor().assessLayered(scaledObject))?.layer,
      ).toBe('crd');
      expect(await assessor.assessLayered(kube('v1', 'Service'))).toEqual({
        health: { status: 'Degraded', message: 'from the folder too' },
        layer: 'lua',
      });
      expect(
        (await new HealthAssessor().assessLayered(kube('v1', 'Service')))
          ?.layer,
      ).toBe('builtin');
      // an object being deleted is still Progressing first
      expect(
        await assessor.assess(
          kube(
            'v1',
            'Service',
            {},
            { deletionTimestamp: '2026-12-07T00:00:00Z' },
          ),
        ),
      ).toEqual({ status: 'Progressing', message: 'Pending deletion' });
    } finally {
      await assessor.close();
    }
  });
});

describe('HealthAssessor with configured customizations', () => {
  const replicasScript = `
    hs = {}
    if obj.status ~= nil and obj.status.readyReplicas == obj.spec.replicas then
      hs.status = "Healthy"
      hs.message = "all " .. obj.spec.replicas .. " replicas ready"
    else
      hs.status = "Progressing"
      hs.message = "waiting for replicas"
    end
    return hs`;

  it('lets a script replace every other check of its kind, as resource.customizations.health does in Argo CD', async () => {
    const assessor = await HealthAssessor.create({
      customizations: {
        apps_Deployment: replicasScript,
        'cert-manager.io/Certificate':
          'return {status = "Suspended", message = "custom"}',
        ConfigMap:
          'return {status = "Healthy", message = "core kind by its name alone"}',
        'ec2.aws.crossplane.io_*':
          'return {status = "Degraded", message = "wildcard kind"}',
      },
    });
    try {
      const deployment = kube('apps/v1', 'Deployment', {
        spec: { replicas: 2 },
        status: { readyReplicas: 2 },
      });
      expect(await assessor.assessLayered(deployment)).toEqual({
        health: { status: 'Healthy', message: 'all 2 replicas ready' },
        layer: 'lua',
      });
      // cert-manager's own check (a CRD check) is replaced too
      expect(
        await assessor.assess(kube('cert-manager.io/v1', 'Certificate')),
      ).toEqual({ status: 'Suspended', message: 'custom' });
      expect((await assessor.assess(kube('v1', 'ConfigMap')))?.message).toBe(
        'core kind by its name alone',
      );
      expect(
        (
          await assessor.assess(
            kube('ec2.aws.crossplane.io/v1beta1', 'Instance'),
          )
        )?.status,
      ).toBe('Degraded');
      // other kinds keep their checks
      expect((await assessor.assess(kube('v1', 'Service')))?.status).toBe(
        'Healthy',
      );
      expect(
        await assessor.assessAll([deployment, kube('v1', 'Service')]),
      ).toEqual([
        { status: 'Healthy', message: 'all 2 replicas ready' },
        { status: 'Healthy' },
      ]);
    } finally {
      await assessor.close();
    }
  });

  it('leaves an object without health when its script gives none, without falling back to the built-in check', async () => {
    const assessor = await HealthAssessor.create({
      customizations: {
        apps_Deployment:
          'if obj.spec.paused then return {status = "Suspended"} end',
        Service: 'return {}',
      },
    });
    try {
      const paused = kube('apps/v1', 'Deployment', {
        spec: { replicas: 1, paused: true },
      });
      expect(await assessor.assess(paused)).toEqual({
        status: 'Suspended',
        message: '',
      });
      // nil: Argo CD's empty health status, not the built-in Deployment check
      expect(
        await assessor.assessLayered(
          kube('apps/v1', 'Deployment', { spec: { replicas: 1 } }),
        ),
      ).toBeUndefined();
      expect(
        await assessor.assessAll([
          kube('v1', 'Service'),
          kube('v1', 'ConfigMap'),
        ]),
      ).toEqual([undefined, undefined]);
    } finally {
      await assessor.close();
    }
  });

  it('keeps an object being deleted Progressing before any customization, as Argo CD does', async () => {
    const assessor = await HealthAssessor.create({
      customizations: { apps_Deployment: replicasScript },
    });
    try {
      const deleting = kube(
        'apps/v1',
        'Deployment',
        { spec: { replicas: 1 } },
        { deletionTimestamp: '2026-01-01T00:00:00Z' },
      );
      expect(await assessor.assess(deleting)).toEqual({
        status: 'Progressing',
        message: 'Pending deletion',
      });
    } finally {
      await assessor.close();
    }
  });

  it('names a customization that is left out or broken, and gives its kind Unknown with the reason', async () => {
    const assessor = await HealthAssessor.create({
      customizations: {
        'example.com_Widget': 'return {status = ',
        'not a key': 'return {status = "Healthy"}',
        'example.com_Gadget': '',
      },
    });
    try {
      const problems = await assessor.problems();
      expect(problems).toHaveLength(3);
      expect(problems[0]).toContain(
        'slipway.health.customizations["not a key"]',
      );
      expect(problems[1]).toContain(
        'slipway.health.customizations["example.com_Gadget"] must be a Lua health script',
      );
      expect(problems[2]).toMatch(
        /^slipway\.health\.customizations\["example\.com_Widget"\]: /,
      );
      const widget = await assessor.assess(kube('example.com/v1', 'Widget'));
      expect(widget?.status).toBe('Unknown');
      expect(widget?.message).toContain(
        'slipway.health.customizations["example.com_Widget"]',
      );
    } finally {
      await assessor.close();
    }
  });
});
