import { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_API_VERSION,
  SLIPWAY_ANNOTATION_COMPONENT,
  SLIPWAY_ANNOTATION_OWNER,
  SLIPWAY_ANNOTATION_SYSTEM,
  SLIPWAY_LABEL_CLUSTER,
  SLIPWAY_LABEL_ENVIRONMENT,
  SLIPWAY_LABEL_NAMESPACE,
  SLIPWAY_ANNOTATION_APPLICATION_SET,
} from '@slipway/plugin-slipway-common';

/** Annotation on a generated Application entity: the ApplicationSet it came from. */
export { SLIPWAY_ANNOTATION_APPLICATION_SET } from '@slipway/plugin-slipway-common';

/** An Argo CD Application as an ApplicationSet generates it. */
export interface GeneratedApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    destination?: { server?: string; name?: string; namespace?: string };
    [key: string]: unknown;
  };
}

/** What the ApplicationSet and its Component contribute to a generated entity. */
export interface ApplicationEntityContext {
  /** The ApplicationSet entity that generated the Application. */
  applicationSet: Entity;
  /** Owner and system of the service's Component, inherited unless set. */
  component?: { ref: string; owner?: string; system?: string };
}

const NAME = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function validLabelValue(value: string | undefined): value is string {
  return value !== undefined && value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * The environment an Application deploys: its `slipway.io/environment`
 * (or `environment`/`env`) label, else its name without the ApplicationSet's
 * name (`payments-prod` of set `payments` is `prod`), else its destination
 * namespace.
 */
export function environmentOf(app: GeneratedApplication, setName: string): string | undefined {
  const labels = app.metadata.labels ?? {};
  const labelled = labels[SLIPWAY_LABEL_ENVIRONMENT] ?? labels.environment ?? labels.env;
  if (labelled) return labelled;
  const name = app.metadata.name;
  for (const separator of ['-', '.', '_']) {
    if (name.startsWith(`${setName}${separator}`)) return name.slice(setName.length + 1);
    if (name.endsWith(`${separator}${setName}`)) return name.slice(0, -setName.length - 1);
  }
  return app.spec.destination?.namespace;
}

/** Thrown when a generated Application cannot be a catalog entity. */
export class ApplicationEntityError extends Error {
  name = 'ApplicationEntityError';
}

/**
 * Maps a generated Argo CD Application to its catalog entity: the Argo shape
 * is kept, and labels and annotations carry environment, cluster, namespace,
 * component, owner and system so that the engine and the frontend need no
 * second look-up.
 */
export function applicationToEntity(
  app: GeneratedApplication,
  context: ApplicationEntityContext,
): Entity {
  const set = context.applicationSet;
  const setNamespace = set.metadata.namespace ?? 'default';
  const name = app.metadata.name;
  if (typeof name !== 'string' || name.length > 63 || !NAME.test(name)) {
    throw new ApplicationEntityError(
      `ApplicationSet '${set.metadata.name}' generated an Application named '${name}', which is not a valid catalog name ` +
        '(letters, digits and single -, _ or . between them, at most 63 characters); change the template\'s metadata.name',
    );
  }
  const destination = app.spec.destination ?? {};
  const environment = environmentOf(app, set.metadata.name);
  const cluster = destination.name ?? destination.server;
  const namespace = destination.namespace;
  const setAnnotations = set.metadata.annotations ?? {};

  const annotations: Record<string, string> = {
    ...app.metadata.annotations,
    [SLIPWAY_ANNOTATION_APPLICATION_SET]: `applicationset:${setNamespace}/${set.metadata.name}`,
  };
  // An explicit annotation always names the Component; the default (a
  // Component with the set's name) only when the catalog has it.
  const component =
    app.metadata.annotations?.[SLIPWAY_ANNOTATION_COMPONENT] ??
    setAnnotations[SLIPWAY_ANNOTATION_COMPONENT] ??
    context.component?.ref;
  if (component) annotations[SLIPWAY_ANNOTATION_COMPONENT] = component;
  const owner =
    app.metadata.annotations?.[SLIPWAY_ANNOTATION_OWNER] ??
    setAnnotations[SLIPWAY_ANNOTATION_OWNER] ??
    context.component?.owner;
  if (owner) annotations[SLIPWAY_ANNOTATION_OWNER] = owner;
  const system =
    app.metadata.annotations?.[SLIPWAY_ANNOTATION_SYSTEM] ??
    setAnnotations[SLIPWAY_ANNOTATION_SYSTEM] ??
    context.component?.system;
  if (system) annotations[SLIPWAY_ANNOTATION_SYSTEM] = system;
  if (environment) annotations[SLIPWAY_LABEL_ENVIRONMENT] = environment;
  if (cluster) annotations[SLIPWAY_LABEL_CLUSTER] = cluster;
  if (namespace) annotations[SLIPWAY_LABEL_NAMESPACE] = namespace;

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(app.metadata.labels ?? {})) {
    if (validLabelValue(value)) labels[key] = value;
  }
  // Labels make server-side catalog filters possible; values that are not
  // valid label values (a server URL) stay in the annotations only.
  if (validLabelValue(environment)) labels[SLIPWAY_LABEL_ENVIRONMENT] = environment;
  if (validLabelValue(cluster)) labels[SLIPWAY_LABEL_CLUSTER] = cluster;
  if (validLabelValue(namespace)) labels[SLIPWAY_LABEL_NAMESPACE] = namespace;

  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: 'Application',
    metadata: {
      name,
      namespace: setNamespace,
      ...(set.metadata.title ? { title: `${set.metadata.title} (${environment ?? name})` } : {}),
      labels,
      annotations,
    },
    spec: app.spec as Entity['spec'],
  };
}
