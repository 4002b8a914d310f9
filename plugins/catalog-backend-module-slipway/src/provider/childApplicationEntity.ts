import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { SLIPWAY_ANNOTATION_PARENT_APPLICATION } from '@slipway/plugin-slipway-common';

/** A child of an app of apps as the Slipway backend publishes it. */
export interface PublishedChild {
  parentRef: string;
  manifest: {
    apiVersion: string;
    kind: string;
    metadata?: {
      name?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    spec?: Record<string, unknown>;
  };
}

/** The location a child entity comes from: its parent Application. */
export function childLocation(parentRef: string): string {
  return `slipway-application:${parentRef}`;
}

/**
 * A child Application or ApplicationSet of an app of apps as a catalog
 * entity: in its parent's catalog namespace (the `argocd` namespace Argo CD
 * manifests name means nothing in the catalog), with the parent named by
 * `slipway.io/parent-application` and as its location. Pure.
 */
export function childApplicationEntity({
  parentRef,
  manifest,
}: PublishedChild): Entity {
  const parent = parseEntityRef(parentRef);
  const location = childLocation(parentRef);
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    metadata: {
      name: manifest.metadata?.name ?? '',
      namespace: parent.namespace,
      ...(manifest.metadata?.labels
        ? { labels: manifest.metadata.labels }
        : {}),
      annotations: {
        ...manifest.metadata?.annotations,
        [SLIPWAY_ANNOTATION_PARENT_APPLICATION]: parentRef,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
    },
    ...(manifest.spec ? { spec: manifest.spec as Entity['spec'] } : {}),
  };
}
