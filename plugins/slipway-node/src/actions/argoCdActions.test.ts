import type { KubeObject } from '@slipway/plugin-slipway-common';
import { argoCdActions } from './argoCdActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const [toggle] = argoCdActions['argoproj.io/Application'];

const application = (spec?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd' },
  ...(spec ? { spec } : {}),
});

const automatedAfter = (spec?: Record<string, unknown>) => {
  const [change] = toggle.run(application(spec), NOW, {});
  expect(change).toMatchObject({
    operation: 'mergePatch',
    object: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop', namespace: 'argocd' },
    },
  });
  return (change as { patch: any }).patch.spec.syncPolicy.automated;
};

describe("Argo CD's Application action", () => {
  it('is always offered', () => {
    expect(toggle.name).toBe('toggle-auto-sync');
    expect(toggle.disabled).toBeUndefined();
  });

  it('turns automated sync off by its enabled flag, keeping its settings', () => {
    expect(automatedAfter({ syncPolicy: { automated: {} } })).toEqual({
      enabled: false,
    });
    expect(
      automatedAfter({
        syncPolicy: { automated: { enabled: true, prune: true } },
      }),
    ).toEqual({ enabled: false });
  });

  it('turns automated sync on where it is off or not configured', () => {
    expect(automatedAfter(undefined)).toEqual({ enabled: true });
    expect(automatedAfter({ syncPolicy: {} })).toEqual({ enabled: true });
    expect(
      automatedAfter({
        syncPolicy: { automated: { enabled: false, selfHeal: true } },
      }),
    ).toEqual({ enabled: true });
    // only the boolean true counts as on, as in Argo CD's script
    expect(
      automatedAfter({ syncPolicy: { automated: { enabled: 'true' } } }),
    ).toEqual({ enabled: true });
  });
});
