import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { NotificationKind } from './NotificationPolicy';

/** What the notifier knows about an application's last comparison. */
export interface ApplicationSnapshot {
  sync?: string;
  health?: string;
  healthMessage?: string;
  /** Managed resources that are not Healthy, e.g. `Deployment payments/web`. */
  unhealthy: Array<{ resource: string; status: string; message?: string }>;
  /** Managed resources that differ from Git. */
  outOfSync: string[];
  conditions: Array<{ type: string; message: string }>;
}

/** The application a notification is about. */
export interface NotifiedApplication {
  entityRef: string;
  cluster?: string;
  namespace?: string;
}

/** A finished sync or rollback. */
export interface FinishedOperation {
  id: string;
  kind: string;
  initiator: string;
  phase: string;
  message: string;
}

type NotificationPayload = NotificationSendOptions['payload'];

export const NOTIFICATION_TOPIC = 'slipway';

const LISTED = 3;

/** `5 minutes`, `2 hours 5 minutes`, `1 day 3 hours`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const parts: Array<[number, string]> = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return 'less than a minute';
  return shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
}

function listed(items: string[]): string {
  const head = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${head} and ${items.length - LISTED} more` : head;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The entity page of an application, relative to the app's base URL. */
export function entityPageLink(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.kind.toLocaleLowerCase('en-US'))}/${encodeURIComponent(ref.name)}`;
}

/** One scope per application and problem, so a newer notification of the same kind replaces the older one. */
export function notificationScope(entityRef: string, kind: NotificationKind): string {
  return `slipway:${entityRef}:${kind}`;
}

function where(app: NotifiedApplication): string {
  const parts = [app.cluster && `cluster ${app.cluster}`, app.namespace && `namespace ${app.namespace}`].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function conditionsText(snapshot: ApplicationSnapshot | undefined): string {
  const conditions = snapshot?.conditions ?? [];
  return conditions.length > 0 ? ` Conditions: ${conditions.map(c => `${c.type}: ${sentence(c.message)}`).join(' ')}` : '';
}

function degraded(app: NotifiedApplication, name: string, lasted: string, snapshot?: ApplicationSnapshot) {
  const bad = snapshot?.unhealthy.filter(r => r.status === 'Degraded') ?? [];
  const reason =
    bad.length > 0
      ? listed(bad.map(r => (r.message ? `${r.resource}: ${r.message}` : `${r.resource} is Degraded`)))
      : (snapshot?.healthMessage ?? 'no resource says why');
  return {
    title: `${name} is Degraded`,
    description:
      `Application ${name}${where(app)} has been Degraded for ${lasted}: ${sentence(reason)}${conditionsText(snapshot)} ` +
      'Open the application in the catalog to see the unhealthy resources and their events, then fix the manifests in Git or the cause in the cluster.',
    severity: 'high' as const,
  };
}

function outOfSync(app: NotifiedApplication, name: string, lasted: string, snapshot?: ApplicationSnapshot) {
  const differing = snapshot?.outOfSync ?? [];
  const reason =
    differing.length > 0
      ? `${differing.length} resource${differing.length === 1 ? ' differs' : 's differ'} from Git (${listed(differing)})`
      : 'the live state differs from Git';
  return {
    title: `${name} is OutOfSync`,
    description:
      `Application ${name}${where(app)} has been OutOfSync for ${lasted}: ${sentence(reason)}${conditionsText(snapshot)} ` +
      'Sync it from its page in the catalog, or turn on automated sync; if a sync window blocks syncs, it syncs when the window opens.',
    severity: 'normal' as const,
  };
}

function operationBy(op: FinishedOperation): string {
  return op.initiator === 'automated' ? 'automated' : `started by ${op.initiator}`;
}

function syncFailed(app: NotifiedApplication, name: string, op: FinishedOperation) {
  const by = operationBy(op);
  return {
    title: `${op.kind === 'rollback' ? 'Rollback' : 'Sync'} of ${name} failed`,
    description:
      `The ${op.kind} of application ${name}${where(app)} (operation ${op.id}, ${by}) ended ${op.phase}: ${sentence(op.message)} ` +
      `Look at the operation's events on the application's page in the catalog, fix the cause in Git or the cluster, and sync again.`,
    severity: 'high' as const,
  };
}

/**
 * The notification about one problem of one application: a title and a
 * description that name the application, its state, the reason and what to
 * do, a link to its entity page, and a per-application, per-kind scope.
 */
export function notificationPayload(
  kind: NotificationKind,
  app: NotifiedApplication,
  facts: { since: number; now: number; snapshot?: ApplicationSnapshot; operation?: FinishedOperation },
): NotificationPayload {
  const name = parseEntityRef(app.entityRef).name;
  const lasted = formatDuration(facts.now - facts.since);
  let content;
  if (kind === 'degraded') content = degraded(app, name, lasted, facts.snapshot);
  else if (kind === 'outOfSync') content = outOfSync(app, name, lasted, facts.snapshot);
  else if (facts.operation) content = syncFailed(app, name, facts.operation);
  else throw new Error(`a ${kind} notification of ${app.entityRef} needs the finished operation`);
  return payloadOf(kind, app, content, facts);
}

/** A notification's content with its link, topic, per-application and per-kind scope, and metadata. */
function payloadOf(
  kind: NotificationKind,
  app: NotifiedApplication,
  content: Pick<NotificationPayload, 'title' | 'description' | 'severity'>,
  facts: { since: number; operation?: FinishedOperation },
  metadata: Record<string, string> = {},
): NotificationPayload {
  return {
    ...content,
    link: entityPageLink(app.entityRef),
    topic: NOTIFICATION_TOPIC,
    scope: notificationScope(app.entityRef, kind),
    metadata: {
      entityRef: app.entityRef,
      problem: kind,
      since: new Date(facts.since).toISOString(),
      ...metadata,
      ...(facts.operation ? { operationId: facts.operation.id } : {}),
    },
  };
}

function recoveryContent(
  kind: NotificationKind,
  app: NotifiedApplication,
  name: string,
  lasted: string,
  facts: { snapshot?: ApplicationSnapshot; operation?: FinishedOperation },
) {
  if (kind === 'degraded') {
    const health = facts.snapshot?.health ?? 'no longer Degraded';
    return {
      title: `${name} is no longer Degraded`,
      description: `Application ${name}${where(app)} is ${health} again after ${lasted} Degraded.`,
    };
  }
  const op = facts.operation;
  if (kind === 'syncFailed' && op) {
    return {
      title: `${op.kind === 'rollback' ? 'Rollback' : 'Sync'} of ${name} succeeded`,
      description: `The ${op.kind} of application ${name}${where(app)} (operation ${op.id}, ${operationBy(op)}) succeeded, ${lasted} after the failed one.`,
    };
  }
  return {
    title: `${name} is Synced again`,
    description:
      kind === 'outOfSync'
        ? `Application ${name}${where(app)} is Synced with Git again after ${lasted} OutOfSync.`
        : `Application ${name}${where(app)} is Synced with Git again, ${lasted} after its sync failed.`,
  };
}

/**
 * The notification that a problem its owners were told about has ended. It
 * has the problem's scope, so it replaces that notification instead of
 * leaving it standing beside the good news.
 */
export function recoveryPayload(
  kind: NotificationKind,
  app: NotifiedApplication,
  facts: { since: number; now: number; snapshot?: ApplicationSnapshot; operation?: FinishedOperation },
): NotificationPayload {
  const name = parseEntityRef(app.entityRef).name;
  const content = recoveryContent(kind, app, name, formatDuration(facts.now - facts.since), facts);
  return payloadOf(kind, app, { ...content, severity: 'low' }, facts, { recoveredAt: new Date(facts.now).toISOString() });
}
