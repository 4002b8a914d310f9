import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type {
  HistoryResponse,
  ListApplicationsResponse,
  OperationSummary,
  SlipwayApplication,
} from '@slipway/plugin-slipway-common';
import type { Router } from 'express';
import { operationSummary } from '../../engine/DefaultSlipwayEngine';
import { automationOf } from '../../engine/app/automatedSync';
import type { SyncPolicy } from '../../engine/app/types';
import type { ApplicationStatusFilter } from '../../store';
import type { ApplicationDescription } from '../SlipwayEngine';
import { APPLICATION_FIELDS, ApplicationField, storeFieldsFor, toApiApplication } from '../toApiApplication';
import {
  applicationRefOf,
  entityRefs,
  fieldList,
  pageSize,
  repeated,
  resourceKeyQuery,
  single,
  statusWords,
} from '../validation/queryParams';
import type { RouteContext } from './RouteContext';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/** Values as given and in canonical entity ref form: stored refs come from annotations, written either way. */
function refsAsGivenAndCanonical(query: Parameters<typeof repeated>[0], name: string, defaultKind: string) {
  const given = repeated(query, name);
  if (!given) return undefined;
  return Array.from(new Set([...given, ...(entityRefs(query, name, defaultKind) ?? [])]));
}

/** The policy of an Application the engine does not track yet, read from its entity. */
function describeEntity(entity: Entity): ApplicationDescription {
  const spec = (entity.spec ?? {}) as { source?: { repoURL?: string }; sources?: Array<{ repoURL?: string }>; syncPolicy?: SyncPolicy };
  const automated = automationOf(spec.syncPolicy);
  const repoURL = spec.source?.repoURL ?? spec.sources?.[0]?.repoURL;
  return {
    name: entity.metadata.name,
    ...(repoURL ? { repoURL } : {}),
    syncPolicy: { automated: Boolean(automated), prune: Boolean(automated?.prune), selfHeal: Boolean(automated?.selfHeal) },
  };
}

/** GET routes of applications: list, one, tree, resource, history, operations. */
export function registerApplicationRoutes(router: Router, ctx: RouteContext): void {
  const { engine, store, access } = ctx;

  const latestOperation = async (entityRef: string): Promise<OperationSummary | undefined> => {
    const [latest] = (await store.listOperations(entityRef, { limit: 1 })).items;
    return latest ? operationSummary(latest) : undefined;
  };

  router.get('/applications', async (req, res) => {
    const q = req.query;
    const fields = fieldList<ApplicationField>(q, 'fields', APPLICATION_FIELDS);
    const limit = pageSize(q, DEFAULT_PAGE, MAX_PAGE);
    const cursor = single(q, 'cursor');
    const filter: ApplicationStatusFilter = {
      componentRef: refsAsGivenAndCanonical(q, 'component', 'component'),
      project: repeated(q, 'project'),
      cluster: repeated(q, 'cluster'),
      environment: repeated(q, 'environment'),
      owner: refsAsGivenAndCanonical(q, 'owner', 'group'),
      syncStatus: statusWords(q, 'sync'),
      healthStatus: statusWords(q, 'health'),
    };
    const credentials = await access.credentials(req);
    const visibility = await access.visibility(credentials, entityRefs(q, 'entityRef', 'application'));
    if (!visibility.all && visibility.refs.length === 0) {
      res.json({ items: [], totalCount: 0 } satisfies ListApplicationsResponse);
      return;
    }
    const page = await store.listApplicationStatuses({
      filter: { ...filter, ...(visibility.all ? {} : { entityRef: visibility.refs }) },
      fields: storeFieldsFor(fields),
      limit,
      cursor,
    });
    const want = (f: ApplicationField) => !fields || fields.includes(f);
    const describe = ['name', 'commit', 'syncPolicy', 'syncWindow'].some(f => want(f as ApplicationField));
    const operations = want('operation')
      ? await store.latestOperations(page.items.map(status => status.entityRef!))
      : new Map();
    const items = page.items.map(status => {
      const entityRef = status.entityRef!;
      const operation = operations.get(entityRef);
      return toApiApplication(
        {
          status: { ...status, entityRef },
          description: describe ? engine.describe(entityRef) : undefined,
          operation: operation ? operationSummary(operation) : undefined,
        },
        fields,
      ) as SlipwayApplication;
    });
    const body: ListApplicationsResponse = {
      items,
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
    res.json(body);
  });

  router.get('/applications/:namespace/:name', async (req, res) => {
    const app = await access.readable(req, applicationRefOf(req.params));
    const status = (await store.getApplicationStatus(app.entityRef)) ?? { entityRef: app.entityRef };
    const body = toApiApplication({
      status,
      description: engine.describe(app.entityRef) ?? describeEntity(app.entity),
      operation: await latestOperation(app.entityRef),
    });
    res.json(body);
  });

  router.get('/applications/:namespace/:name/tree', async (req, res) => {
    const app = await access.readable(req, applicationRefOf(req.params));
    const tree = await engine.resourceTree(app.entityRef);
    if (!tree) {
      throw new NotFoundError(
        `${app.entityRef} has no resource tree yet: Slipway has not taken the Application into its inventory; try again after the next catalog refresh`,
      );
    }
    res.json(tree);
  });

  router.get('/applications/:namespace/:name/resource', async (req, res) => {
    const app = await access.readable(req, applicationRefOf(req.params));
    const key = resourceKeyQuery(req.query);
    const detail = await engine.resource(app.entityRef, key);
    if (!detail) {
      const where = key.namespace ? `${key.namespace}/${key.name}` : key.name;
      throw new NotFoundError(
        `${key.group ? `${key.group}/` : ''}${key.kind} ${where} is not a resource of ${app.entityRef}; pick one from GET /applications/${app.entity.metadata.namespace ?? 'default'}/${app.entity.metadata.name}/tree`,
      );
    }
    res.json(detail);
  });

  router.get('/applications/:namespace/:name/history', async (req, res) => {
    const app = await access.readable(req, applicationRefOf(req.params));
    const entries = await store.listHistory(app.entityRef);
    const body: HistoryResponse = {
      items: entries.map(h => ({
        id: h.id,
        revision: h.revision,
        source: h.source,
        initiator: h.initiator,
        deployedAt: h.deployedAt,
        ...(h.commitAuthor ? { commitAuthor: h.commitAuthor } : {}),
        ...(h.commitMessage ? { commitMessage: h.commitMessage } : {}),
        ...(h.operationId ? { operationId: h.operationId } : {}),
      })),
    };
    res.json(body);
  });

  router.get('/applications/:namespace/:name/operations', async (req, res) => {
    const app = await access.readable(req, applicationRefOf(req.params));
    const page = await store.listOperations(app.entityRef, {
      limit: pageSize(req.query, DEFAULT_PAGE, MAX_PAGE),
      cursor: single(req.query, 'cursor'),
    });
    res.json({ items: page.items.map(operationSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });
}
