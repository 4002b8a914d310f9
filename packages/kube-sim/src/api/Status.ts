/** A Kubernetes API error, rendered as a `Status` object. */
export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class KubeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

interface Res {
  group: string;
  plural: string;
}

function qualified(r: Res): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export const errors = {
  notFound: (r: Res, name: string) =>
    new KubeError(404, 'NotFound', `${qualified(r)} "${name}" not found`, {
      name,
      group: r.group || undefined,
      kind: r.plural,
    }),
  alreadyExists: (r: Res, name: string) =>
    new KubeError(
      409,
      'AlreadyExists',
      `${qualified(r)} "${name}" already exists`,
      {
        name,
        group: r.group || undefined,
        kind: r.plural,
      },
    ),
  conflict: (r: Res, name: string, why: string) =>
    new KubeError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`,
      { name, group: r.group || undefined, kind: r.plural },
    ),
  badRequest: (message: string) => new KubeError(400, 'BadRequest', message),
  invalid: (
    kind: string,
    name: string,
    causes: StatusCause[],
    group?: string,
  ) =>
    new KubeError(
      422,
      'Invalid',
      `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${causes
        .map(c => `${c.field}: ${c.message}`)
        .join(', ')}`,
      { name, group, kind, causes },
    ),
  methodNotAllowed: (message: string) =>
    new KubeError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (message: string) =>
    new KubeError(415, 'UnsupportedMediaType', message),
  gone: (message: string) => new KubeError(410, 'Expired', message),
  unauthorized: () => new KubeError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, r: Res, name?: string) =>
    new KubeError(403, 'Forbidden', message, {
      name,
      group: r.group || undefined,
      kind: r.plural,
    }),
  internal: (message: string) => new KubeError(500, 'InternalError', message),
  /** The max-in-flight filter's refusal; the client may try again after a second. */
  tooManyRequests: () =>
    new KubeError(
      429,
      'TooManyRequests',
      'Too many requests, please try again later.',
      { retryAfterSeconds: 1 },
    ),
  /** What kube-apiserver answers for an aggregated API whose backend does not answer. */
  serviceUnavailable: () =>
    new KubeError(
      503,
      'ServiceUnavailable',
      'the server is currently unable to handle the request',
    ),
  pathNotFound: () =>
    new KubeError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    ),
};

export function successStatus(
  details?: StatusDetails,
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details ? { details } : {}),
  };
}
