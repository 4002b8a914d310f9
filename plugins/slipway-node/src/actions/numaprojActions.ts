import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at, isNil, list, record } from '../health/fields';
import { BuiltinAction, mergePatch } from './builtinAction';

/*
 * Argo CD's built-in actions of Numaflow
 * (resource_customizations/numaflow.numaproj.io). A MonoVertex or Pipeline
 * is paused and unpaused through `spec.lifecycle.desiredPhase`; its allowed
 * resume strategies decide whether it may resume gradually (from few pods)
 * or fast (with the pods it had). Numaplane, which rolls these objects out
 * progressively, promotes one under assessment when asked to by a label.
 */

const paused = (obj: KubeObject) =>
  at(obj, 'spec', 'lifecycle', 'desiredPhase') === 'Paused';

/**
 * The ways a paused object may resume, from the annotation
 * `numaflow.numaproj.io/allowed-resume-strategies` of its `spec.metadata`
 * (the metadata Numaflow gives the pods): `fast`, `slow, fast`, and
 * gradually for any other value or none.
 */
function resumeStrategies(obj: KubeObject): {
  gradual: boolean;
  fast: boolean;
} {
  const allowed = record(at(obj, 'spec', 'metadata', 'annotations'))[
    'numaflow.numaproj.io/allowed-resume-strategies'
  ];
  if (allowed === 'fast') return { gradual: false, fast: true };
  if (allowed === 'slow, fast') return { gradual: true, fast: true };
  return { gradual: true, fast: false };
}

/** Owned by a Numaplane rollout of this kind, which would undo a pause or unpause. */
const ownedBy = (obj: KubeObject, rolloutKind: string) =>
  list(obj.metadata.ownerReferences).some(
    ref => record(ref).kind === rolloutKind,
  );

/**
 * The pause and unpause actions of a kind. `rolloutKind`, where given,
 * disables them all on objects a rollout of that kind owns.
 */
function lifecycleActions(
  unpauseChange: (
    obj: KubeObject,
    strategy: 'slow' | 'fast',
  ) => Record<string, unknown>,
  rolloutKind?: string,
): BuiltinAction[] {
  const managed = (obj: KubeObject) =>
    rolloutKind && ownedBy(obj, rolloutKind)
      ? `its ${rolloutKind} pauses and unpauses it`
      : undefined;
  const unpause = (
    name: string,
    strategy: 'slow' | 'fast',
    allowed: (s: { gradual: boolean; fast: boolean }) => boolean,
  ): BuiltinAction => ({
    name,
    disabled: obj => {
      const why =
        managed(obj) ?? (paused(obj) ? undefined : 'it is not paused');
      if (why) return why;
      return allowed(resumeStrategies(obj))
        ? undefined
        : `its allowed resume strategies do not include ${strategy}`;
    },
    run: obj => mergePatch(obj, unpauseChange(obj, strategy)),
  });
  return [
    {
      name: 'pause',
      disabled: obj =>
        managed(obj) ?? (paused(obj) ? 'it is paused already' : undefined),
      run: obj =>
        mergePatch(obj, { spec: { lifecycle: { desiredPhase: 'Paused' } } }),
    },
    unpause('unpause-gradual', 'slow', s => s.gradual),
    unpause('unpause-fast', 'fast', s => s.fast),
  ];
}

/**
 * Force-promote: Numaplane promotes the object it is assessing (upgrade
 * state `in-progress`, or also `trial` where `states` says so) once it
 * carries the force-promote label.
 */
function forcePromote(states: string[]): BuiltinAction {
  return {
    name: 'force-promote',
    disabled: obj => {
      const labels = record(obj.metadata.labels);
      if (labels['numaplane.numaproj.io/force-promote'] === 'true') {
        return 'it is being force-promoted already';
      }
      return states.includes(labels['numaplane.numaproj.io/upgrade-state'])
        ? undefined
        : 'Numaplane is not assessing it';
    },
    run: obj =>
      mergePatch(obj, {
        metadata: { labels: { 'numaplane.numaproj.io/force-promote': 'true' } },
      }),
  };
}

/**
 * A MonoVertex resumes fast with its replicas as they were, gradually by
 * dropping `spec.replicas` so that it scales up from its minimum.
 */
const monoVertexActions: BuiltinAction[] = [
  ...lifecycleActions(
    (obj, strategy) => ({
      spec: {
        lifecycle: { desiredPhase: 'Running' },
        ...(strategy === 'slow' && !isNil(at(obj, 'spec', 'replicas'))
          ? { replicas: null }
          : {}),
      },
    }),
    'MonoVertexRollout',
  ),
  forcePromote(['in-progress', 'trial']),
];

/** A Pipeline is told how to resume by its `numaflow.numaproj.io/resume-strategy` annotation. */
const pipelineActions: BuiltinAction[] = [
  ...lifecycleActions((_obj, strategy) => ({
    metadata: {
      annotations: { 'numaflow.numaproj.io/resume-strategy': strategy },
    },
    spec: { lifecycle: { desiredPhase: 'Running' } },
  })),
  forcePromote(['in-progress']),
];

/** Argo CD's actions of Numaflow objects, by `group/kind`. */
export const numaprojActions: Readonly<Record<string, BuiltinAction[]>> = {
  'numaflow.numaproj.io/MonoVertex': monoVertexActions,
  'numaflow.numaproj.io/Pipeline': pipelineActions,
  'numaflow.numaproj.io/InterStepBufferService': [
    forcePromote(['in-progress', 'trial']),
  ],
};
