import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { formatResourceKey, SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import type { Source } from '@slipway/plugin-slipway-node';
import type { ApplicationController } from '../engine/app/ApplicationController';
import type { EngineApplication } from '../engine/app/types';
import type { SyncProgressEvent } from '../engine/sync';
import type { InventoryApplication } from '../inventory';
import { checkApplication, checkResources, Project } from '../projects';
import type { FinalOperationState, Operation, OperationEventInput, SlipwayStore } from '../store';
import type { CommitDetailsCache } from './CommitDetailsCache';
import { atHistory, atRevision, historySource, sourcesOf, withSources } from './operationTarget';
import { OperationEventWriter } from './OperationEventWriter';
import { destinationOf } from './destinationOf';
import type { ChildApplicationDirectory } from './ChildApplicationDirectory';

/** How a run ended; the worker stores it. */
export interface RunResult {
  phase: FinalOperationState;
  message: string;
  result?: unknown;
}

/** What {@link OperationRunner} needs. */
export interface OperationRunnerOptions {
  inventory: { get(entityRef: string): InventoryApplication | undefined };
  controller: Pick<ApplicationController, 'refresh' | 'sync'>;
  source?: Pick<Source, 'resolveRevision'>;
  store: Pick<SlipwayStore, 'appendEvents' | 'addHistory' | 'getHistory'>;
  /** Author and message of the deployed commit for the history; absent: the history has none. */
  commits?: Pick<CommitDetailsCache, 'get'>;
  projects: ReadonlyMap<string, Project>;
  resolveCluster(destination: { name?: string; server?: string }): { name: string; server: string } | undefined;
  auditor?: AuditorService;
  publish(message: SlipwaySignalMessage): void;
  logger: LoggerService;
  /** Where the child Applications an app of apps synced are published. */
  children?: Pick<ChildApplicationDirectory, 'publish'>;
}

function progressEvent(e: SyncProgressEvent): OperationEventInput {
  switch (e.type) {
    case 'operation':
      return { status: e.phase, message: e.attempt > 1 ? `${e.message} (attempt ${e.attempt})` : e.message };
    case 'wave':
      return {
        phase: e.syncPhase,
        wave: e.wave,
        status: `Wave${e.state[0].toUpperCase()}${e.state.slice(1)}`,
        message: `${e.syncPhase} wave ${e.wave} ${e.state}`,
      };
    default:
      return {
        phase: e.result.syncPhase,
        wave: e.result.wave,
        resourceKey: formatResourceKey(e.result.key),
        status: e.result.operationPhase === 'Running' ? 'Running' : e.result.status,
        message: e.result.message,
      };
  }
}

/** Argo CD's `spec.revisionHistoryLimit` when it is a positive integer; else the store's default. */
function historyLimitOf(limit: unknown): { limit?: number } {
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? { limit } : {};
}

/**
 * Runs one claimed sync or rollback: checks the project, pins every Git
 * source to a commit, applies through the controller with progress events,
 * records the deployment in the history, and audits the apply.
 */
export class OperationRunner {
  constructor(private readonly options: OperationRunnerOptions) {}

  private async pin(app: EngineApplication): Promise<{ app: EngineApplication; revisions: string[] }> {
    const source = this.options.source;
    const sources = sourcesOf(app);
    if (!source) return { app, revisions: sources.map(s => s.targetRevision ?? '') };
    const pinned = await Promise.all(
      sources.map(async s =>
        s.chart ? s : { ...s, targetRevision: (await source.resolveRevision(s.repoURL, s.targetRevision)).commit },
      ),
    );
    return { app: withSources(app, pinned), revisions: pinned.map(s => s.targetRevision ?? '') };
  }

  /** The metadata of the deployed commit of the first source, when it is Git. */
  private async commitOf(app: EngineApplication, revision: string | undefined) {
    const first = sourcesOf(app)[0];
    if (!first || first.chart || !revision || !this.options.commits) return undefined;
    return this.options.commits.get(first.repoURL, revision);
  }

  async run(op: Operation, signal: AbortSignal): Promise<RunResult> {
    const { store, logger } = this.options;
    const item = this.options.inventory.get(op.applicationRef);
    if (!item) {
      return { phase: 'Error', message: `${op.applicationRef} is not an Application in the catalog (any more); nothing was applied` };
    }
    if (item.skipReconcile) return { phase: 'Error', message: `${item.skipReconcile}; nothing was applied` };
    if (item.invalid) return { phase: 'Error', message: item.invalid };
    const project = this.options.projects.get(item.project);
    if (!project) {
      return { phase: 'Failed', message: `project '${item.project}' does not exist; add it to slipway.projects; nothing was applied` };
    }
    const destination = destinationOf(item, this.options.resolveCluster);
    let app = item.app;
    if (op.kind === 'rollback') {
      const entry = op.request.historyId !== undefined ? await store.getHistory(op.applicationRef, op.request.historyId) : undefined;
      if (!entry) {
        return { phase: 'Error', message: `history entry ${op.request.historyId} of ${op.applicationRef} does not exist; nothing was applied` };
      }
      app = atHistory(app, entry);
    } else if (op.request.revision) {
      app = atRevision(app, op.request.revision);
    }
    const appViolations = checkApplication(project, {
      name: op.applicationRef,
      entityNamespace: item.entityNamespace,
      originLocation: item.originLocation,
      repoURLs: sourcesOf(app).map(s => s.repoURL),
      destination,
    });
    if (appViolations.length > 0) {
      return { phase: 'Failed', message: `${appViolations.map(v => v.message).join('; ')}; nothing was applied` };
    }
    const pinned = await this.pin(app);
    const target = { revisions: pinned.revisions, specHash: item.specHash };
    const desired = await this.options.controller.refresh(pinned.app);
    const resourceViolations = checkResources(
      project,
      destination,
      desired.resources.filter(r => !r.requiresPruning).map(r => r.key),
    );
    if (resourceViolations.length > 0) {
      return {
        phase: 'Failed',
        message: `${resourceViolations.map(v => v.message).join('; ')}; nothing was applied`,
        result: target,
      };
    }

    const dryRun = Boolean(op.request.dryRun);
    const audit = dryRun
      ? undefined
      : await this.options.auditor?.createEvent({
          eventId: 'application-sync',
          severityLevel: 'medium',
          meta: {
            entityRef: op.applicationRef,
            operationId: op.id,
            kind: op.kind,
            initiator: op.initiator,
            revisions: pinned.revisions,
            prune: Boolean(op.request.prune),
          },
        });

    const events = new OperationEventWriter({
      operationId: op.id,
      store,
      onError: error => logger.warn(`could not record progress of operation ${op.id}: ${error.message}`),
    });
    const onProgress = (e: SyncProgressEvent) => {
      const event = progressEvent(e);
      events.add(event);
      if (e.type === 'resource') {
        this.options.publish({
          entityRef: op.applicationRef,
          operation: { id: op.id, phase: 'Running' },
          progress: { id: 0, time: new Date().toISOString(), ...event },
        });
      }
    };
    let outcome;
    try {
      outcome = await this.options.controller.sync(
        pinned.app,
        {
          prune: Boolean(op.request.prune),
          dryRun,
          force: Boolean(op.request.force),
          resources: op.request.resources,
          ...(op.request.confirmPrune ? { confirmPrune: true } : {}),
        },
        { signal, onProgress, refreshed: desired, automated: op.initiator === 'automated' },
      );
    } catch (error) {
      await events.flush();
      await audit?.fail({ error: error as Error });
      throw error;
    }
    await events.flush();
    const result = outcome.operation;
    // The executor's other end states (e.g. an aborted run) are errors of the operation.
    const phase: FinalOperationState = ['Succeeded', 'Failed'].includes(result.phase)
      ? (result.phase as FinalOperationState)
      : 'Error';
    if (phase === 'Succeeded') {
      await audit?.success({ meta: { revision: outcome.revision ?? null } });
      if (outcome.children) await this.options.children?.publish(op.applicationRef, outcome.children);
      // A selective sync (self-heal's too) is not a deployment: Argo CD keeps it out of the history.
      if (!dryRun && !op.request.resources?.length) {
        const commit = await this.commitOf(pinned.app, pinned.revisions[0]);
        await store.addHistory({
          applicationRef: op.applicationRef,
          revision: pinned.revisions[0] ?? outcome.revision ?? '',
          source: historySource(op.kind === 'rollback' ? app : item.app, pinned.revisions),
          initiator: op.initiator,
          deployStartedAt: op.startedAt,
          operationId: op.id,
          ...(commit?.author ? { commitAuthor: commit.author } : {}),
          ...(commit?.message ? { commitMessage: commit.message } : {}),
        }, historyLimitOf(item.app.spec.revisionHistoryLimit));
      }
    } else {
      await audit?.fail({ error: new Error(result.message) });
    }
    return {
      phase,
      message: result.message,
      result: {
        ...target,
        attempts: result.attempts,
        dryRun,
        resources: result.resources.map(r => ({
          key: formatResourceKey(r.key),
          syncPhase: r.syncPhase,
          wave: r.wave,
          status: r.status,
          message: r.message,
        })),
      },
    };
  }
}
