/**
 * Finds the health script for a group and kind in a folder laid out like
 * Argo CD's `resource_customizations`: `<group>/<kind>/health.lua`. In a
 * folder name `_` stands for any run of characters (`_.crossplane.io/_`
 * matches every kind of every crossplane.io group). An exact folder wins
 * over a wildcard one; among wildcards the most specific (longest literal
 * part) wins, or, with `wildcardOrder: 'sorted'`, the first in byte order
 * of `<group>/<kind>`, as Argo CD picks among its built-in wildcard folders.
 * Pure: it works on the list of script keys.
 */

/** `group/kind` of one script, as read from its folder names. @public */
export interface HealthScriptKey {
  group: string;
  kind: string;
}

function segmentMatcher(
  segment: string,
): ((value: string) => boolean) | string {
  if (!segment.includes('_')) return segment;
  const pattern = segment
    .split('_')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${pattern}$`);
  return (value: string) => re.test(value);
}

interface Entry {
  key: HealthScriptKey;
  group: ((value: string) => boolean) | string;
  kind: ((value: string) => boolean) | string;
  specificity: number;
}

const matches = (m: ((value: string) => boolean) | string, value: string) =>
  typeof m === 'string' ? m === value : m(value);

/** Options of {@link HealthScriptIndex}. @public */
export interface HealthScriptIndexOptions {
  /**
   * Which wildcard folder serves a kind that several match: the most
   * specific one (default), or the first in byte order of `<group>/<kind>`
   * (`sorted`, Argo CD's rule for its built-in resource_customizations).
   */
  wildcardOrder?: 'specificity' | 'sorted';
}

const byteOrder = (a: string, b: string) => {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
};

/** An index from group/kind to the script key that serves it. @public */
export class HealthScriptIndex {
  private readonly exact = new Map<string, HealthScriptKey>();
  private readonly wildcards: Entry[] = [];
  private readonly cache = new Map<string, HealthScriptKey | null>();

  constructor(
    keys: Iterable<HealthScriptKey>,
    options: HealthScriptIndexOptions = {},
  ) {
    for (const key of keys) {
      const group = segmentMatcher(key.group);
      const kind = segmentMatcher(key.kind);
      if (typeof group === 'string' && typeof kind === 'string') {
        this.exact.set(`${key.group}/${key.kind}`, key);
      } else {
        this.wildcards.push({
          key,
          group,
          kind,
          specificity:
            key.group.replace(/_/g, '').length +
            key.kind.replace(/_/g, '').length,
        });
      }
    }
    if (options.wildcardOrder === 'sorted') {
      this.wildcards.sort((a, b) =>
        byteOrder(
          `${a.key.group}/${a.key.kind}`,
          `${b.key.group}/${b.key.kind}`,
        ),
      );
    } else {
      this.wildcards.sort((a, b) => b.specificity - a.specificity);
    }
  }

  /** The script key for a group ('' or 'core' for the core group) and kind. */
  find(group: string, kind: string): HealthScriptKey | undefined {
    const id = `${group}/${kind}`;
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const groupName = group === '' ? 'core' : group;
    let found = this.exact.get(`${groupName}/${kind}`);
    if (!found) {
      found = this.wildcards.find(
        e => matches(e.group, groupName) && matches(e.kind, kind),
      )?.key;
    }
    this.cache.set(id, found ?? null);
    return found;
  }
}
