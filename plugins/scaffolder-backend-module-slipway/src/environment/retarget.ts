/** Where an Application deploys (Argo CD `spec.destination`). */
export interface Destination {
  name?: string;
  server?: string;
  namespace?: string;
}

/** What changes between the base environment's parameters and the new one's. */
export interface Retargeting {
  /** The base environment's name and the new one's. */
  from: string;
  to: string;
  /** Where the base environment's Applications deploy (several for a matrix or a folder of files). */
  baseDestinations: Destination[];
  /** The requested cluster, as a name and as a server URL (when known). */
  cluster?: { name: string; server?: string };
  /** The requested namespace. */
  namespace?: string;
}

/**
 * `value` with the base environment's name replaced by the new one where it
 * stands as a word of its own (`orders-dev` → `orders-qa`, not `devtools`);
 * undefined when `value` does not hold that name.
 */
export function followEnvironment(value: string | undefined, from: string, to: string): string | undefined {
  if (!value) return undefined;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(^|[^a-z0-9])${escaped}(?=$|[^a-z0-9])`, 'g');
  if (!word.test(value)) return undefined;
  return value.replace(word, (_m, before: string) => `${before}${to}`);
}

function retargetString(value: string, r: Retargeting): string {
  const bases = r.baseDestinations;
  if (bases.some(b => b.namespace && value === b.namespace)) {
    // Unless one is requested, the namespace follows the environment
    // (orders-dev → orders-qa), so the copy does not deploy over its base.
    const namespace = r.namespace ?? followEnvironment(value, r.from, r.to);
    if (namespace !== undefined) return namespace;
  }
  if (r.cluster) {
    if (bases.some(b => b.name && value === b.name)) return r.cluster.name;
    if (bases.some(b => b.server && value === b.server)) return r.cluster.server ?? r.cluster.name;
  }
  if (value === r.from) return r.to;
  return value;
}

/**
 * The parameters of a new environment, made from the base environment's
 * (a list generator element, or the content of a git files generator
 * file): values equal to a base destination's namespace become the
 * requested namespace, or the same with the environment name swapped;
 * values equal to a base destination's cluster become the requested
 * cluster; values equal to the base environment's name become the new
 * name; everything else is copied as is. Pure.
 */
export function retargetParameters<T>(value: T, r: Retargeting): T {
  if (typeof value === 'string') return retargetString(value, r) as unknown as T;
  if (Array.isArray(value)) return value.map(v => retargetParameters(v, r)) as unknown as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, retargetParameters(v, r)]),
    ) as T;
  }
  return value;
}

const PREFERRED_NAME_KEYS = ['env', 'environment', 'stage', 'name'];

/**
 * The key of list elements that names the environment: `explicit` when
 * given, else the key holding `baseName` in some element, preferring
 * `env`, `environment`, `stage` and `name`; when no element holds
 * `baseName` (a mistyped base), the first of those keys every element has,
 * so the caller can list the environments there are. Undefined when it
 * cannot tell.
 */
export function detectNameKey(
  elements: Array<Record<string, unknown>>,
  baseName: string,
  explicit?: string,
): string | undefined {
  if (explicit) return explicit;
  const keys = new Set<string>();
  for (const element of elements) {
    for (const [key, value] of Object.entries(element ?? {})) {
      if (value === baseName) keys.add(key);
    }
  }
  const preferred = PREFERRED_NAME_KEYS.find(k => keys.has(k));
  if (preferred) return preferred;
  if (keys.size === 1) return [...keys][0];
  if (keys.size > 1 || elements.length === 0) return undefined;
  return PREFERRED_NAME_KEYS.find(k =>
    elements.every(e => typeof e?.[k] === 'string'),
  );
}
