import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  HistoryResponse,
  ListApplicationsQuery,
  ListApplicationsResponse,
  OperationAccepted,
  OperationSummary,
  RefreshRequestBody,
  ResourceActionResult,
  ResourceActionsResponse,
  ResourceDetailResponse,
  ResourceKey,
  ResourceTreeResponse,
  RollbackRequestBody,
  SlipwayApplication,
  SyncRequestBody,
  VersionsResponse,
} from '@slipway/plugin-slipway-common';
import type { OperationEventPage, SlipwayApi } from './SlipwayApi';

/** The path of an application under /applications. */
function applicationPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, { defaultKind: 'application' });
  if (kind.toLocaleLowerCase('en-US') !== 'application') {
    throw new Error(`'${entityRef}' is not an Application entity ref; use application:<namespace>/<name>`);
  }
  return `/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** Query string of repeated parameters, skipping empty values. */
function queryString(params: Record<string, string | number | Array<string | number> | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * SlipwayApi over fetch: the Backstage fetch API adds the user's token,
 * discovery finds the backend. Errors become ResponseErrors carrying the
 * backend's message.
 * @public
 */
export class SlipwayClient implements SlipwayApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  async listApplications(query: ListApplicationsQuery = {}): Promise<ListApplicationsResponse> {
    const { fields, ...filters } = query;
    return this.get(`/applications${queryString({ ...filters, fields: fields?.join(',') })}`);
  }

  async getApplication(entityRef: string): Promise<SlipwayApplication | undefined> {
    const response = await this.fetch(applicationPath(entityRef));
    if (response.status === 404) return undefined;
    return this.json(response);
  }

  async getResourceTree(entityRef: string): Promise<ResourceTreeResponse> {
    return this.get(`${applicationPath(entityRef)}/tree`);
  }

  async getResource(entityRef: string, key: ResourceKey): Promise<ResourceDetailResponse> {
    return this.get(`${applicationPath(entityRef)}/resource${queryString({ ...key })}`);
  }

  async getResourceActions(entityRef: string, key: ResourceKey): Promise<ResourceActionsResponse> {
    return this.get(`${applicationPath(entityRef)}/resource/actions${queryString({ ...key })}`);
  }

  async runResourceAction(
    entityRef: string,
    key: ResourceKey,
    action: string,
    parameters?: Record<string, string>,
  ): Promise<ResourceActionResult> {
    return this.send('POST', `${applicationPath(entityRef)}/resource/actions`, {
      action,
      resource: key,
      ...(parameters ? { parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) } : {}),
    });
  }

  async deleteResource(
    entityRef: string,
    key: ResourceKey,
    propagationPolicy: 'foreground' | 'background' | 'orphan' = 'foreground',
  ): Promise<{ deleted: ResourceKey }> {
    return this.send('DELETE', `${applicationPath(entityRef)}/resource${queryString({ ...key, propagationPolicy })}`);
  }

  async getHistory(entityRef: string): Promise<HistoryResponse> {
    return this.get(`${applicationPath(entityRef)}/history`);
  }

  async getVersions(query: { component?: string; entityRef?: string[] }): Promise<VersionsResponse> {
    return this.get(`/versions${queryString(query)}`);
  }

  async listOperations(entityRef: string): Promise<{ items: OperationSummary[] }> {
    return this.get(`${applicationPath(entityRef)}/operations`);
  }

  async getOperationEvents(
    operationId: string,
    page: { after?: number; limit?: number } = {},
  ): Promise<OperationEventPage> {
    return this.get(`/operations/${encodeURIComponent(operationId)}/events${queryString({ after: page.after, limit: page.limit })}`);
  }

  async sync(entityRef: string, body: SyncRequestBody): Promise<OperationAccepted> {
    return this.send('POST', `${applicationPath(entityRef)}/sync`, body);
  }

  async rollback(entityRef: string, body: RollbackRequestBody): Promise<OperationAccepted> {
    return this.send('POST', `${applicationPath(entityRef)}/rollback`, body);
  }

  async refresh(entityRef: string, body: RefreshRequestBody = {}): Promise<void> {
    await this.send('POST', `${applicationPath(entityRef)}/refresh`, body);
  }

  async terminateOperation(operationId: string): Promise<OperationSummary> {
    return this.send('DELETE', `/operations/${encodeURIComponent(operationId)}`);
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('slipway');
    return this.options.fetchApi.fetch(`${base}${path}`, init);
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) {
      // Keep the backend's reason (e.g. which operation is running) in the message the UI shows.
      const error = await ResponseError.fromResponse(response);
      error.message = `${error.message}: ${error.cause.message}`;
      throw error;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    return this.json(await this.fetch(path));
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.json(
      await this.fetch(path, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  }
}
