import {
  KubeObject,
  SLIPWAY_ANNOTATION_TRACKING_ID,
  SLIPWAY_LABEL_APP_INSTANCE,
  groupOf,
} from '@slipway/plugin-slipway-common';

/**
 * The tracking id Slipway writes on managed resources:
 * `<app>:<group>/<kind>:<namespace>/<name>` (Argo CD's annotation format).
 * @public
 */
export function trackingIdOf(appName: string, obj: KubeObject): string {
  const group = groupOf(obj.apiVersion);
  const ns = obj.metadata?.namespace ?? '';
  return `${appName}:${group}/${obj.kind}:${ns}/${obj.metadata?.name ?? ''}`;
}

/** Parts of a tracking id, or undefined when it is malformed. @public */
export function parseTrackingId(id: string):
  | {
      appName: string;
      group: string;
      kind: string;
      namespace: string;
      name: string;
    }
  | undefined {
  const m = /^([^:]+):([^/:]*)\/([^:]+):([^/]*)\/(.+)$/.exec(id);
  if (!m) return undefined;
  return {
    appName: m[1],
    group: m[2],
    kind: m[3],
    namespace: m[4],
    name: m[5],
  };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why an application name cannot be written to a label, or undefined when it can. @public */
export function appNameProblem(appName: string): string | undefined {
  if (!appName) return 'the application name is empty';
  if (appName.length > 63 || !LABEL_VALUE.test(appName)) {
    return `application name "${appName}" is not a valid label value (at most 63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit); rename the Application`;
  }
  return undefined;
}

/**
 * A copy of the object with the tracking label and annotation set, so that
 * the cluster cache and prune can find it.
 * @public
 */
export function stampManaged(obj: KubeObject, appName: string): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: {
        ...(obj.metadata?.labels ?? {}),
        [SLIPWAY_LABEL_APP_INSTANCE]: appName,
      },
      annotations: {
        ...(obj.metadata?.annotations ?? {}),
        [SLIPWAY_ANNOTATION_TRACKING_ID]: trackingIdOf(appName, obj),
      },
    },
  };
}

/** The application named by the tracking label, if any. @public */
export function appInstanceOf(obj: KubeObject): string | undefined {
  return obj.metadata?.labels?.[SLIPWAY_LABEL_APP_INSTANCE];
}

/**
 * True when the live object is managed by the application: it carries the
 * app's label and a tracking annotation that names the object itself (a label
 * copied onto another object, e.g. a Pod from a template, does not count).
 * @public
 */
export function isManagedBy(obj: KubeObject, appName: string): boolean {
  if (appInstanceOf(obj) !== appName) return false;
  const id = obj.metadata?.annotations?.[SLIPWAY_ANNOTATION_TRACKING_ID];
  if (typeof id !== 'string') return false;
  const parsed = parseTrackingId(id);
  if (!parsed || parsed.appName !== appName) return false;
  return (
    parsed.group === groupOf(obj.apiVersion) &&
    parsed.kind === obj.kind &&
    parsed.name === obj.metadata?.name &&
    // cluster-scoped objects may have been tracked with the app's namespace
    (parsed.namespace === (obj.metadata?.namespace ?? '') ||
      !obj.metadata?.namespace)
  );
}

/**
 * The application that manages the object according to its tracking
 * annotation, if any.
 * @public
 */
export function trackedAppOf(obj: KubeObject): string | undefined {
  const id = obj.metadata?.annotations?.[SLIPWAY_ANNOTATION_TRACKING_ID];
  return typeof id === 'string' ? parseTrackingId(id)?.appName : undefined;
}
