import type { KubeObject } from '@slipway/plugin-slipway-common';
import { numaprojActions } from './numaprojActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const MONO = 'numaflow.numaproj.io/MonoVertex';
const PIPELINE = 'numaflow.numaproj.io/Pipeline';
const ISB = 'numaflow.numaproj.io/InterStepBufferService';

const numaflow = (
  key: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'numaflow.numaproj.io/v1alpha1',
  kind: key.split('/')[1],
  metadata: { name: 'simple', namespace: 'numaflow-system', ...metadata },
  spec,
});

const paused = (allowed?: string) => ({
  lifecycle: { desiredPhase: 'Paused' },
  replicas: 2,
  ...(allowed
    ? {
        metadata: {
          annotations: {
            'numaflow.numaproj.io/allowed-resume-strategies': allowed,
          },
        },
      }
    : {}),
});

const offered = (key: string, obj: KubeObject) =>
  Object.fromEntries(
    numaprojActions[key].map(a => [a.name, !a.disabled?.(obj)]),
  );

const patchOf = (key: string, obj: KubeObject, name: string) => {
  const [change] = numaprojActions[key]
    .find(a => a.name === name)!
    .run(obj, NOW, {});
  expect(change).toMatchObject({
    operation: 'mergePatch',
    object: { kind: obj.kind, metadata: { name: 'simple' } },
  });
  return (change as { patch: unknown }).patch;
};

const inProgress = {
  labels: { 'numaplane.numaproj.io/upgrade-state': 'in-progress' },
};

describe("Argo CD's Numaflow actions", () => {
  it('pauses a running MonoVertex and unpauses a paused one as its allowed strategies say', () => {
    const running = numaflow(MONO, { lifecycle: { desiredPhase: 'Running' } });
    expect(offered(MONO, running)).toEqual({
      pause: true,
      'unpause-gradual': false,
      'unpause-fast': false,
      'force-promote': false,
    });
    expect(patchOf(MONO, running, 'pause')).toEqual({
      spec: { lifecycle: { desiredPhase: 'Paused' } },
    });
    // gradually unless the annotation allows fast
    expect(offered(MONO, numaflow(MONO, paused()))).toMatchObject({
      pause: false,
      'unpause-gradual': true,
      'unpause-fast': false,
    });
    expect(offered(MONO, numaflow(MONO, paused('fast')))).toMatchObject({
      'unpause-gradual': false,
      'unpause-fast': true,
    });
    expect(offered(MONO, numaflow(MONO, paused('slow, fast')))).toMatchObject({
      'unpause-gradual': true,
      'unpause-fast': true,
    });
    expect(offered(MONO, numaflow(MONO, paused('fast,slow')))).toMatchObject({
      'unpause-gradual': true,
      'unpause-fast': false,
    });
  });

  it('unpauses a MonoVertex fast with its replicas, gradually without them', () => {
    const obj = numaflow(MONO, paused('slow, fast'));
    expect(patchOf(MONO, obj, 'unpause-fast')).toEqual({
      spec: { lifecycle: { desiredPhase: 'Running' } },
    });
    expect(patchOf(MONO, obj, 'unpause-gradual')).toEqual({
      spec: { lifecycle: { desiredPhase: 'Running' }, replicas: null },
    });
  });

  it('leaves pausing a MonoVertex to the MonoVertexRollout that owns it', () => {
    const owned = numaflow(MONO, paused(), {
      ownerReferences: [{ kind: 'MonoVertexRollout', name: 'simple' }],
    });
    expect(offered(MONO, owned)).toEqual({
      pause: false,
      'unpause-gradual': false,
      'unpause-fast': false,
      'force-promote': false,
    });
    expect(numaprojActions[MONO][1].disabled?.(owned)).toBe(
      'its MonoVertexRollout pauses and unpauses it',
    );
  });

  it('force-promotes an object Numaplane is assessing, once', () => {
    const mono = (labels: Record<string, string>) =>
      numaflow(MONO, {}, { labels });
    const state = 'numaplane.numaproj.io/upgrade-state';
    expect(
      offered(MONO, mono({ [state]: 'in-progress' }))['force-promote'],
    ).toBe(true);
    expect(offered(MONO, mono({ [state]: 'trial' }))['force-promote']).toBe(
      true,
    );
    expect(offered(MONO, mono({ [state]: 'promoted' }))['force-promote']).toBe(
      false,
    );
    expect(
      offered(
        MONO,
        mono({
          [state]: 'in-progress',
          'numaplane.numaproj.io/force-promote': 'true',
        }),
      )['force-promote'],
    ).toBe(false);
    expect(patchOf(MONO, mono({ [state]: 'trial' }), 'force-promote')).toEqual({
      metadata: { labels: { 'numaplane.numaproj.io/force-promote': 'true' } },
    });
    const isb = numaflow(
      ISB,
      { jetstream: {} },
      { labels: { [state]: 'trial' } },
    );
    expect(offered(ISB, isb)).toEqual({ 'force-promote': true });
  });

  it('unpauses a Pipeline by telling it the resume strategy in an annotation', () => {
    const obj = numaflow(PIPELINE, paused('slow, fast'), inProgress);
    expect(offered(PIPELINE, obj)).toEqual({
      pause: false,
      'unpause-gradual': true,
      'unpause-fast': true,
      'force-promote': true,
    });
    expect(patchOf(PIPELINE, obj, 'unpause-gradual')).toEqual({
      metadata: {
        annotations: { 'numaflow.numaproj.io/resume-strategy': 'slow' },
      },
      spec: { lifecycle: { desiredPhase: 'Running' } },
    });
    expect(patchOf(PIPELINE, obj, 'unpause-fast')).toMatchObject({
      metadata: {
        annotations: { 'numaflow.numaproj.io/resume-strategy': 'fast' },
      },
    });
    // a Pipeline under trial is not force-promoted, nor its rollout's pausing refused
    expect(
      offered(
        PIPELINE,
        numaflow(
          PIPELINE,
          {},
          {
            labels: { 'numaplane.numaproj.io/upgrade-state': 'trial' },
            ownerReferences: [{ kind: 'PipelineRollout', name: 'simple' }],
          },
        ),
      ),
    ).toMatchObject({ pause: true, 'force-promote': false });
  });
});
