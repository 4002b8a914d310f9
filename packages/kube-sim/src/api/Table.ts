import { KubeObject } from '../store/KubeObject';
import { ResourceType } from '../types/ResourceType';

/** True when the Accept header asks for a meta.k8s.io Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function age(ts: string | undefined, now = Date.now()): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

type Column = {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority: number;
};
type Cells = (o: KubeObject) => unknown[];

const col = (name: string, type = 'string', format = ''): Column => ({
  name,
  type,
  format,
  description: name,
  priority: 0,
});

function podReady(o: KubeObject): string {
  const cs = o.status?.containerStatuses ?? [];
  const total = o.spec?.containers?.length ?? cs.length;
  return `${cs.filter((c: any) => c.ready).length}/${total}`;
}

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  for (const c of o.status?.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  return o.status?.phase ?? 'Pending';
}

const PRINTERS: Record<string, { columns: Column[]; cells: Cells }> = {
  '/Pod': {
    columns: [
      col('Name', 'string', 'name'),
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      col('Age'),
    ],
    cells: o => [
      o.metadata.name,
      podReady(o),
      podStatus(o),
      String(
        (o.status?.containerStatuses ?? []).reduce(
          (n: number, c: any) => n + (c.restartCount ?? 0),
          0,
        ),
      ),
      age(o.metadata.creationTimestamp),
    ],
  },
  'apps/Deployment': {
    columns: [
      col('Name', 'string', 'name'),
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Age'),
    ],
    cells: o => [
      o.metadata.name,
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o.metadata.creationTimestamp),
    ],
  },
  '/Service': {
    columns: [
      col('Name', 'string', 'name'),
      col('Type'),
      col('Cluster-IP'),
      col('Ports'),
      col('Age'),
    ],
    cells: o => [
      o.metadata.name,
      o.spec?.type,
      o.spec?.clusterIP ?? '<none>',
      (o.spec?.ports ?? [])
        .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
      age(o.metadata.creationTimestamp),
    ],
  },
};

const DEFAULT_PRINTER = {
  columns: [col('Name', 'string', 'name'), col('Age')],
  cells: ((o: KubeObject) => [
    o.metadata.name,
    age(o.metadata.creationTimestamp),
  ]) as Cells,
};

/** A server-side printed Table, as `kubectl get` requests it. */
export function toTable(
  t: ResourceType,
  objects: KubeObject[],
  resourceVersion: string,
  cont?: string,
) {
  const p = t.custom
    ? DEFAULT_PRINTER
    : PRINTERS[`${t.group}/${t.kind}`] ?? DEFAULT_PRINTER;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion, ...(cont ? { continue: cont } : {}) },
    columnDefinitions: p.columns,
    rows: objects.map(o => ({
      cells: p.cells(o),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
