import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { applicationRef, OperationRunningError, SlipwayBackendClient } from './SlipwayBackendClient';

/** What the action needs from the backend. */
export interface SyncActionOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** How often to look at the Application while waiting (default 2 s). */
  pollIntervalMs?: number;
}

const TERMINAL_FAILURES = ['Failed', 'Error', 'Terminated'];

function describe(app: SlipwayApplication | undefined): string {
  if (!app) return 'Slipway does not know the Application yet';
  const op = app.operation ? `, last operation ${app.operation.phase}` : '';
  return `sync ${app.sync.status}, health ${app.health.status}${op}`;
}

/**
 * `slipway:application:sync`: syncs an Application through the Slipway
 * backend and, on request, waits until it is Synced and Healthy.
 */
export function createSyncApplicationAction(options: SyncActionOptions) {
  const client = new SlipwayBackendClient(options.discovery, options.auth);
  const pollMs = options.pollIntervalMs ?? 2000;

  return createTemplateAction({
    id: 'slipway:application:sync',
    description:
      'Syncs an Argo CD Application managed by Slipway: applies the manifests of its Git revision to its cluster, ' +
      'with the permissions of the user running the template. With wait, the step ends only when the ' +
      'Application is Synced and Healthy (or fails when the sync fails or the timeout passes), so a template can ' +
      'end with "deployed". An Application that Slipway does not know yet (its ApplicationSet was just ' +
      'committed) is waited for too, and so is another operation of it (an automated sync) before the sync starts.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Sync the Application a previous step created and wait until it is deployed',
        example: [
          'steps:',
          '  - id: sync',
          '    action: slipway:application:sync',
          '    input:',
          '      application: ${{ steps.environment.output.applicationEntityRef }}',
          '      wait: true',
          '      timeoutSeconds: 600',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        application: z =>
          z.string().describe("The Application: entity ref 'application:<namespace>/<name>' or its name"),
        wait: z => z.boolean().optional().describe('Wait until the Application is Synced and Healthy'),
        timeoutSeconds: z =>
          z.number().int().min(1).max(3600).optional().describe('How long to wait, in seconds (default 300)'),
        prune: z => z.boolean().optional().describe('Delete resources that are no longer in Git'),
        revision: z => z.string().optional().describe("Revision to sync to; default: the Application's targetRevision"),
      },
      output: {
        entityRef: z => z.string().describe('The Application synced'),
        operationId: z => z.string().describe('The sync operation'),
        syncStatus: z => z.string().describe('Sync status when the step ended'),
        healthStatus: z => z.string().describe('Health status when the step ended'),
        revision: z => z.string().describe('The revision the Application is synced to, when known'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const app = applicationRef(input.application);
      ctx.output('entityRef', app.entityRef);
      if (ctx.isDryRun) {
        ctx.logger.info(`dry run: would sync ${app.entityRef}${input.wait ? ' and wait for Synced and Healthy' : ''}`);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const timeoutMs = (input.timeoutSeconds ?? 300) * 1000;
      const deadline = Date.now() + timeoutMs;
      const sleep = () => new Promise(resolve => setTimeout(resolve, pollMs));
      const body = { prune: input.prune, revision: input.revision || undefined };

      let operationId: string;
      for (;;) {
        try {
          operationId = (await client.sync(app, body, credentials)).operation.id;
          break;
        } catch (e) {
          if (!input.wait || Date.now() >= deadline) throw e;
          if (e instanceof OperationRunningError) {
            // An automated sync starts as soon as Slipway knows a new Application; ours follows it.
            ctx.logger.info(
              `${app.entityRef} is being synced by operation ${e.operation.id} (${e.operation.initiator}); syncing when it ends`,
            );
          } else if (e instanceof NotFoundError) {
            // Right after a commit the catalog may not have read the ApplicationSet yet.
            ctx.logger.info(`${app.entityRef} is not known to Slipway yet; waiting for it to appear`);
          } else {
            throw e;
          }
          await sleep();
        }
      }
      ctx.logger.info(`sync of ${app.entityRef} started (operation ${operationId})`);
      ctx.output('operationId', operationId);
      if (!input.wait) return;

      let last: SlipwayApplication | undefined;
      for (;;) {
        last = await client.getApplication(app, credentials);
        const op = last?.operation?.id === operationId ? last.operation : undefined;
        if (op && TERMINAL_FAILURES.includes(op.phase)) {
          throw new Error(
            `the sync of ${app.entityRef} ended ${op.phase}: ${op.message ?? 'no message'}; look at the Application's page for the failing resources`,
          );
        }
        // A newer operation (an automated sync) may replace ours in the status; ours is then over.
        const ours = op ? op.phase === 'Succeeded' : Boolean(last?.operation && last.operation.id !== operationId);
        if (ours && last?.sync.status === 'Synced' && last.health.status === 'Healthy') break;
        if (Date.now() >= deadline) {
          throw new Error(
            `${app.entityRef} did not become Synced and Healthy within ${timeoutMs / 1000} s (${describe(last)}); ` +
              "look at the Application's page, or raise timeoutSeconds",
          );
        }
        await sleep();
      }
      ctx.logger.info(`${app.entityRef} is Synced and Healthy`);
      ctx.output('syncStatus', last.sync.status);
      ctx.output('healthStatus', last.health.status);
      ctx.output('revision', last.sync.revision ?? '');
    },
  });
}
