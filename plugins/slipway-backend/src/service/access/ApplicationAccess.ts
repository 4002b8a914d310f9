import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { ARGOCD_API_VERSION } from '@slipway/plugin-slipway-common';
import type { Request } from 'express';

/** An Application entity the caller may read. */
export interface ReadableApplication {
  /** Canonical entity ref, as the store keys it. */
  entityRef: string;
  entity: Entity;
  credentials: BackstageCredentials;
}

/** Which applications a caller may read: all, or exactly these refs. */
export type Visibility = { all: true } | { all: false; refs: string[] };

const PAGE = 1000;

/**
 * Who may see and change which application. Reading follows catalog read
 * permission on the Application entity (the catalog answers with the
 * caller's credentials); changes are Slipway's resource permissions on the
 * same entity, so rules such as "owner of the entity" apply.
 */
export class ApplicationAccess {
  constructor(
    private readonly options: {
      httpAuth: Pick<HttpAuthService, 'credentials'>;
      permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
      catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs' | 'queryEntities'>;
    },
  ) {}

  async credentials(req: Request): Promise<BackstageCredentials> {
    return this.options.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** Who is asking, as operations and audit record it. */
  static initiatorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
    if (principal.type === 'user' && principal.userEntityRef) return principal.userEntityRef;
    if (principal.type === 'service' && principal.subject) return `service:${principal.subject}`;
    return principal.type;
  }

  /** The Application entity, if the caller may read it; 404 otherwise (never revealing that it exists). */
  async readable(req: Request, entityRef: string): Promise<ReadableApplication> {
    const credentials = await this.credentials(req);
    const entity = await this.options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || entity.kind !== 'Application' || entity.apiVersion !== ARGOCD_API_VERSION) {
      throw new NotFoundError(
        `Application ${entityRef} was not found: no Application entity (${ARGOCD_API_VERSION}) with that namespace and name is visible to you in the catalog; check the name, or ask its owners for read access`,
      );
    }
    return { entityRef: stringifyEntityRef(entity), entity, credentials };
  }

  /** Throws NotAllowedError (403) unless the policy allows `permission` on the application. */
  async authorize(app: ReadableApplication, permission: ResourcePermission<'catalog-entity'>, action: string): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: app.entityRef }],
      { credentials: app.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${ApplicationAccess.initiatorOf(app.credentials)} may not ${action} ${app.entityRef}: the permission policy denies '${permission.name}'; ask the owners of the application or an administrator to grant it`,
      );
    }
  }

  /**
   * The applications the caller may read, narrowed to `requested` when given.
   * The common case, a policy that allows catalog read outright, costs one
   * decision and no catalog query; a conditional decision asks the catalog
   * for the visible Application entity refs with the caller's credentials.
   */
  async visibility(credentials: BackstageCredentials, requested?: string[]): Promise<Visibility> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return requested ? { all: false, refs: requested } : { all: true };
    }
    if (decision.result === AuthorizeResult.DENY) return { all: false, refs: [] };
    if (requested) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: requested, fields: ['kind', 'apiVersion', 'metadata.namespace', 'metadata.name'] },
        { credentials },
      );
      return { all: false, refs: items.filter(isApplication).map(e => stringifyEntityRef(e)) };
    }
    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const fields = ['kind', 'apiVersion', 'metadata.namespace', 'metadata.name'];
      const page = await this.options.catalog.queryEntities(
        cursor ? { cursor, fields, limit: PAGE } : { filter: { kind: 'Application' }, fields, limit: PAGE },
        { credentials },
      );
      refs.push(...page.items.filter(isApplication).map(e => stringifyEntityRef(e)));
      cursor = page.items.length > 0 ? page.pageInfo.nextCursor : undefined;
    } while (cursor);
    return { all: false, refs };
  }
}

function isApplication(entity: Entity | undefined): entity is Entity {
  return Boolean(entity && entity.kind === 'Application' && entity.apiVersion === ARGOCD_API_VERSION);
}
