import type { KubeObject } from '@slipway/plugin-slipway-common';
import { fluxActions } from './fluxActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

/** A Flux object of a `group/Kind` key, with the spec given. */
const flux = (
  key: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): KubeObject => {
  const [group, kind] = key.split('/');
  return {
    apiVersion: `${group}/v1`,
    kind,
    metadata: { name: 'podinfo', namespace: 'flux-system', ...metadata },
    spec: { interval: '5m', ...spec },
  };
};

const offered = (obj: KubeObject, key: string) =>
  Object.fromEntries(fluxActions[key].map(a => [a.name, !a.disabled?.(obj)]));

const run = (obj: KubeObject, key: string, name: string) =>
  fluxActions[key].find(a => a.name === name)!.run(obj, NOW, {});

const REPO = 'source.toolkit.fluxcd.io/GitRepository';

describe("Argo CD's Flux actions", () => {
  it('offers reconcile and suspend on a running object, only resume on a suspended one', () => {
    expect(offered(flux(REPO), REPO)).toEqual({
      reconcile: true,
      suspend: true,
      resume: false,
    });
    expect(offered(flux(REPO, { suspend: false }), REPO)).toEqual({
      reconcile: true,
      suspend: true,
      resume: false,
    });
    expect(offered(flux(REPO, { suspend: true }), REPO)).toEqual({
      reconcile: false,
      suspend: false,
      resume: true,
    });
    // Lua's truth: any value but nil and false suspends
    expect(offered(flux(REPO, { suspend: 'yes' }), REPO).resume).toBe(true);
  });

  it('reconciles by the annotation flux reconcile writes, with a timestamp without zone', () => {
    expect(
      run(flux(REPO, {}, { annotations: { a: 'b' } }), REPO, 'reconcile'),
    ).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: 'podinfo', namespace: 'flux-system' },
        },
        patch: {
          metadata: {
            annotations: {
              'reconcile.fluxcd.io/requestedAt':
                'By Argo CD at: 2026-12-07T16:05:09',
            },
          },
        },
      },
    ]);
  });

  it('suspends and resumes through spec.suspend, leaving a running object alone', () => {
    expect(run(flux(REPO), REPO, 'suspend')[0]).toMatchObject({
      patch: { spec: { suspend: true } },
    });
    expect(run(flux(REPO, { suspend: true }), REPO, 'resume')[0]).toMatchObject(
      { patch: { spec: { suspend: false } } },
    );
    expect(run(flux(REPO), REPO, 'resume')).toEqual([]);
  });

  it('gives every reconciled Flux kind the three actions, notification senders only suspend and resume', () => {
    const reconciled = Object.keys(fluxActions).filter(
      k => !/\/(Alert|Provider)$/.test(k),
    );
    expect(reconciled).toHaveLength(10);
    for (const key of reconciled) {
      expect(fluxActions[key].map(a => a.name)).toEqual([
        'reconcile',
        'suspend',
        'resume',
      ]);
    }
    const alert = 'notification.toolkit.fluxcd.io/Alert';
    expect(offered(flux(alert, { suspend: true }), alert)).toEqual({
      suspend: false,
      resume: true,
    });
    expect(
      fluxActions['notification.toolkit.fluxcd.io/Provider'].map(a => a.name),
    ).toEqual(['suspend', 'resume']);
    expect(fluxActions['image.toolkit.fluxcd.io/ImagePolicy']).toBeUndefined();
  });
});
