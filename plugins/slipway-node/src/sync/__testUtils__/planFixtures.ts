/* Fixtures shared by the sync planner's tests. */
import { KubeObject } from '@slipway/plugin-slipway-common';
import { planSync } from '../planSync';
import { stampManaged } from '../tracking';
import type { SyncPlan, SyncPlanInput } from '../types';

export const APP = 'shop';

export function obj(
  kind: string,
  name: string,
  extra: {
    apiVersion?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    spec?: unknown;
    generateName?: string;
  } = {},
): KubeObject {
  const apiVersion =
    extra.apiVersion ??
    (
      {
        Deployment: 'apps/v1',
        Job: 'batch/v1',
        Ingress: 'networking.k8s.io/v1',
      } as Record<string, string>
    )[kind] ??
    'v1';
  const metadata: KubeObject['metadata'] = {};
  if (name) metadata.name = name;
  if (extra.generateName) metadata.generateName = extra.generateName;
  if (extra.namespace) metadata.namespace = extra.namespace;
  if (extra.annotations) metadata.annotations = extra.annotations;
  return {
    apiVersion,
    kind,
    metadata,
    ...(extra.spec ? { spec: extra.spec } : {}),
  };
}

export function managedLive(o: KubeObject): KubeObject {
  return stampManaged(o, APP);
}

export function plan(partial: Partial<SyncPlanInput>): SyncPlan {
  return planSync({
    appName: APP,
    namespace: 'shop',
    desired: [],
    live: [],
    ...partial,
  });
}

export const order = (p: SyncPlan) =>
  p.tasks.map(
    t => `${t.phase}/${t.wave}/${t.action}/${t.key.kind}/${t.key.name}`,
  );
