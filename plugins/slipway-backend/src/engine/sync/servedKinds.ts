import type { SyncTask } from '@slipway/plugin-slipway-node';
import type { ClusterClient } from '../cluster';

/** What the discovery check found: tasks refused, and tasks that may wait for their kind. */
export interface ServedKindsCheck {
  refused: Array<{ task: SyncTask; message: string }>;
  /** Ids of tasks whose kind is not served yet but may be: their CRD is in this sync, or they skip the dry run. */
  waiting: Set<string>;
}

/** `group/kind` a CustomResourceDefinition task defines. */
export function crdKindOf(t: SyncTask): string {
  const spec = t.target?.spec as
    | { group?: string; names?: { kind?: string } }
    | undefined;
  return `${spec?.group}/${spec?.names?.kind}`;
}

/**
 * Checks every object's kind against the server's discovery before anything
 * is written, as Argo CD validates every task first: a kind the server does
 * not serve refuses the whole operation, unless this sync applies its CRD
 * (`syncedCrdKinds`) or the object has `SkipDryRunOnMissingResource=true`.
 */
export async function checkServedKinds(
  tasks: SyncTask[],
  client: Pick<ClusterClient, 'resourceFor'>,
  syncedCrdKinds: ReadonlySet<string>,
): Promise<ServedKindsCheck> {
  const served = new Map<string, Promise<boolean | string>>();
  const lookup = (apiVersion: string, kind: string) => {
    const id = `${apiVersion}\n${kind}`;
    let found = served.get(id);
    if (!found) {
      found = client.resourceFor(apiVersion, kind).then(
        info => info !== undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      served.set(id, found);
    }
    return found;
  };
  const check: ServedKindsCheck = { refused: [], waiting: new Set() };
  await Promise.all(
    tasks
      .filter(t => t.action === 'apply' && t.target)
      .map(async t => {
        const found = await lookup(t.apiVersion, t.key.kind);
        if (found === true) return;
        if (typeof found === 'string') {
          check.refused.push({ task: t, message: found });
        } else if (
          t.skipDryRunOnMissingResource ||
          syncedCrdKinds.has(`${t.key.group}/${t.key.kind}`)
        ) {
          check.waiting.add(t.id);
        } else {
          check.refused.push({ task: t, message: unservedMessage(t) });
        }
      }),
  );
  return check;
}

/** Argo CD's own kinds, which an app-of-apps renders for Argo CD to pick up. */
const ARGO_CD_KINDS = new Set(['Application', 'ApplicationSet', 'AppProject']);

function unservedMessage(t: SyncTask): string {
  if (t.key.group === 'argoproj.io' && ARGO_CD_KINDS.has(t.key.kind)) {
    return (
      `the cluster does not serve ${t.key.kind} in ${t.apiVersion}: Slipway does not hand Argo CD objects to a cluster; ` +
      'the Applications and ApplicationSets of an app of apps become catalog entities of their own, and projects ' +
      'come from slipway.projects'
    );
  }
  return `the server does not serve ${t.key.kind} in ${t.apiVersion}; install its CustomResourceDefinition, or fix apiVersion/kind`;
}
