import { BuiltinAction, restartedAt, mergePatch } from './builtinAction';
import { resumeBySpec, suspendBySpec, whenSuspended } from './suspendActions';

/*
 * Argo CD's built-in actions of Flux (resource_customizations of the
 * *.toolkit.fluxcd.io groups). Every Flux object can be suspended and
 * resumed through `spec.suspend`; the ones a Flux controller reconciles on
 * an interval can also be reconciled now, by the annotation `flux reconcile`
 * writes. A suspended object offers only resume.
 */

/**
 * Ask the controller to reconcile now. Flux reacts to any new value of the
 * annotation; Argo CD writes `os.date("!%Y-%m-%dT%X")`, which has no zone
 * suffix, after a fixed prefix.
 */
const reconcile: BuiltinAction = {
  name: 'reconcile',
  disabled: whenSuspended,
  run: (obj, now) =>
    mergePatch(obj, {
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': `By Argo CD at: ${restartedAt(
            now,
          ).slice(0, -1)}`,
        },
      },
    }),
};

/** Objects a controller reconciles on an interval. */
const reconciled: BuiltinAction[] = [reconcile, suspendBySpec, resumeBySpec];
/** Notification objects, which have nothing to reconcile. */
const notifying: BuiltinAction[] = [suspendBySpec, resumeBySpec];

/** Argo CD's actions of Flux objects, by `group/kind`. ImagePolicy has none. */
export const fluxActions: Readonly<Record<string, BuiltinAction[]>> = {
  'source.toolkit.fluxcd.io/GitRepository': reconciled,
  'source.toolkit.fluxcd.io/HelmRepository': reconciled,
  'source.toolkit.fluxcd.io/HelmChart': reconciled,
  'source.toolkit.fluxcd.io/Bucket': reconciled,
  'source.toolkit.fluxcd.io/OCIRepository': reconciled,
  'kustomize.toolkit.fluxcd.io/Kustomization': reconciled,
  'helm.toolkit.fluxcd.io/HelmRelease': reconciled,
  'image.toolkit.fluxcd.io/ImageRepository': reconciled,
  'image.toolkit.fluxcd.io/ImageUpdateAutomation': reconciled,
  'notification.toolkit.fluxcd.io/Receiver': reconciled,
  'notification.toolkit.fluxcd.io/Alert': notifying,
  'notification.toolkit.fluxcd.io/Provider': notifying,
};
