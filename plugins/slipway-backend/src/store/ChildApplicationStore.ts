import type { KubeObject } from '@slipway/plugin-slipway-common';

/** A child Application or ApplicationSet of an app of apps. */
export interface ChildApplication {
  /** Entity ref of the parent Application that rendered it. */
  parentRef: string;
  /** The child as the parent rendered it (apiVersion argoproj.io/v1alpha1). */
  manifest: KubeObject;
}

/**
 * The Argo CD Applications and ApplicationSets each app of apps rendered, as
 * of its last sync; the catalog module publishes them as catalog entities.
 */
export interface ChildApplicationStore {
  /** Every parent's children. */
  listChildApplications(): Promise<ChildApplication[]>;
  /** Replaces the children of a parent (none: forgets them). */
  replaceChildApplications(
    parentRef: string,
    manifests: KubeObject[],
  ): Promise<void>;
}
