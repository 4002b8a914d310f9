import { IncomingMessage } from 'node:http';
import { errors } from '../api/Status';
import { ResourceType } from '../types/ResourceType';

export interface RestrictedAccess {
  /** Token of the restricted user. */
  token: string;
  /**
   * Resources the restricted user may not touch: `plural` (core group) or
   * `plural.group`, e.g. `secrets`, `deployments.apps`, `*`.
   */
  forbiddenResources: string[];
  /** Verbs refused on those resources; all verbs when empty. */
  forbiddenVerbs: string[];
}

export interface Identity {
  user: string;
  restricted: boolean;
}

export const ADMIN_USER = 'kube-sim:admin';
export const RESTRICTED_USER = 'system:serviceaccount:kube-sim:restricted';

/** Bearer-token authentication with an admin and a restricted identity. */
export class Auth {
  constructor(
    private readonly adminToken: string,
    private readonly restricted: RestrictedAccess,
  ) {}

  authenticate(req: IncomingMessage): Identity {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    const token = m?.[1]?.trim();
    if (token && token === this.adminToken)
      return { user: ADMIN_USER, restricted: false };
    if (token && token === this.restricted.token)
      return { user: RESTRICTED_USER, restricted: true };
    throw errors.unauthorized();
  }

  /** Throws 403 Forbidden, worded like RBAC, when the identity may not do this. */
  authorize(
    id: Identity,
    verb: string,
    t: ResourceType,
    namespace?: string,
    name?: string,
    subresource?: string,
  ): void {
    if (!id.restricted) return;
    const qualified = t.group ? `${t.plural}.${t.group}` : t.plural;
    const r = this.restricted;
    const resMatch = r.forbiddenResources.some(
      x => x === '*' || x === qualified || (x === t.plural && !t.group),
    );
    const verbMatch =
      r.forbiddenVerbs.length === 0 || r.forbiddenVerbs.includes(verb);
    if (!resMatch || !verbMatch) return;
    const resource = subresource ? `${t.plural}/${subresource}` : t.plural;
    const subject = name ? `${qualified} "${name}"` : qualified;
    const where = namespace
      ? ` in the namespace "${namespace}"`
      : ' at the cluster scope';
    throw errors.forbidden(
      `${subject} is forbidden: User "${id.user}" cannot ${verb} resource "${resource}" in API group "${t.group}"${where}`,
      t,
      name,
    );
  }
}
