import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { PublishedChildren } from '../engine/app/ApplicationController';
import type { SlipwayStore } from '../store';

/**
 * The child Applications each app of apps published at its last sync: kept
 * in the store (the catalog module reads them through the API) and in
 * memory for comparisons. Reloaded with every inventory pass, so that a
 * replica sees what another one published.
 */
export class ChildApplicationDirectory implements PublishedChildren {
  private children = new Map<string, KubeObject[]>();

  constructor(
    private readonly store: Pick<
      SlipwayStore,
      'listChildApplications' | 'replaceChildApplications'
    >,
  ) {}

  async load(): Promise<void> {
    const next = new Map<string, KubeObject[]>();
    for (const {
      parentRef,
      manifest,
    } of await this.store.listChildApplications()) {
      next.set(parentRef, [...(next.get(parentRef) ?? []), manifest]);
    }
    this.children = next;
  }

  published(parentRef: string): KubeObject[] {
    return this.children.get(parentRef) ?? [];
  }

  async publish(parentRef: string, manifests: KubeObject[]): Promise<void> {
    await this.store.replaceChildApplications(parentRef, manifests);
    if (manifests.length > 0) this.children.set(parentRef, manifests);
    else this.children.delete(parentRef);
  }

  /** A parent left the catalog: its children leave too (their cluster resources stay, as always). */
  async forget(parentRef: string): Promise<void> {
    if (this.children.has(parentRef)) await this.publish(parentRef, []);
  }
}
