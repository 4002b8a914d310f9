import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  OperationAccepted,
  OperationSummary,
  SlipwayApplication,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';

/** The Application an entity ref names: `application:<namespace>/<name>`, or a bare name. */
export function applicationRef(ref: string): { namespace: string; name: string; entityRef: string } {
  const { kind, namespace, name } = parseEntityRef(ref.trim(), { defaultKind: 'application', defaultNamespace: 'default' });
  if (kind.toLocaleLowerCase('en-US') !== 'application') {
    throw new InputError(`'${ref}' is not an Application entity ref; use application:<namespace>/<name>`);
  }
  return { namespace, name, entityRef: `application:${namespace}/${name}` };
}

/** The backend's reason from an error response body (`{ error: { message } }`), or the status text. */
async function reasonOf(response: Response): Promise<string> {
  return (await errorOf(response)).reason;
}

/** The reason of an error response, and the operation a 409 names (the one queued or running). */
async function errorOf(response: Response): Promise<{ reason: string; operation?: OperationSummary }> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    return { reason: body?.error?.message ?? body?.message ?? text, operation: body?.operation?.id ? body.operation : undefined };
  } catch {
    return { reason: text || response.statusText };
  }
}

/** A 409 because another operation of the Application is queued or running. */
export class OperationRunningError extends ConflictError {
  constructor(message: string, readonly operation: OperationSummary) {
    super(message);
  }
}

/**
 * The Slipway backend's REST API as the actions use it, with a token for
 * the `slipway` plugin made on behalf of the given credentials, so the
 * backend checks the permissions of the user running the template.
 */
export class SlipwayBackendClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  private async request(
    method: string,
    path: string,
    credentials: BackstageCredentials,
    body?: unknown,
  ): Promise<Response> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'slipway',
    });
    const base = await this.discovery.getBaseUrl('slipway');
    return fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The Application, or undefined when the backend does not know it (yet). */
  async getApplication(
    app: { namespace: string; name: string; entityRef: string },
    credentials: BackstageCredentials,
  ): Promise<SlipwayApplication | undefined> {
    const path = `/applications/${encodeURIComponent(app.namespace)}/${encodeURIComponent(app.name)}`;
    const response = await this.request('GET', path, credentials);
    if (response.status === 404) return undefined;
    if (response.status === 403) {
      throw new NotAllowedError(`you may not read Application ${app.entityRef}: ${await reasonOf(response)}`);
    }
    if (!response.ok) {
      throw new Error(`reading Application ${app.entityRef} failed (HTTP ${response.status}): ${await reasonOf(response)}`);
    }
    return (await response.json()) as SlipwayApplication;
  }

  /**
   * Starts a sync. A 404 is a NotFoundError, a 403 a NotAllowedError and a
   * 409 an OperationRunningError when another operation is queued or
   * running, else (a sync window forbids it) a ConflictError, each with the
   * backend's reason.
   */
  async sync(
    app: { namespace: string; name: string; entityRef: string },
    body: SyncRequestBody,
    credentials: BackstageCredentials,
  ): Promise<OperationAccepted> {
    const path = `/applications/${encodeURIComponent(app.namespace)}/${encodeURIComponent(app.name)}/sync`;
    const response = await this.request('POST', path, credentials, body);
    if (response.ok) return (await response.json()) as OperationAccepted;
    const { reason, operation } = await errorOf(response);
    switch (response.status) {
      case 404:
        throw new NotFoundError(
          `Application ${app.entityRef} is not known to Slipway (${reason}); check the name, or wait until the catalog has read its ApplicationSet`,
        );
      case 403:
        throw new NotAllowedError(
          `you may not sync Application ${app.entityRef} (${reason}); ask its owners or a platform admin for the sync permission`,
        );
      case 409: {
        const message = `Application ${app.entityRef} cannot be synced now: ${reason}`;
        throw operation ? new OperationRunningError(message, operation) : new ConflictError(message);
      }
      default:
        throw new Error(`syncing Application ${app.entityRef} failed (HTTP ${response.status}): ${reason}`);
    }
  }
}
