import { BUILTIN_TYPES } from './builtinTypes';
import { resourceKey, ResourceType } from './ResourceType';

/**
 * All resource types currently served, built-in and from established CRDs.
 * Lookups are by group/version/plural (URLs) and by group/kind (objects).
 */
export class TypeRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType[]>();
  private readonly listeners: Array<() => void> = [];
  /** Group versions served through an APIService's backend (`group/version`). */
  private readonly aggregated = new Set<string>();

  constructor(types: ResourceType[] = BUILTIN_TYPES) {
    for (const t of types) this.add(t);
  }

  add(t: ResourceType): void {
    this.byPath.set(`${t.group}/${t.version}/${t.plural}`, t);
    const k = `${t.group}/${t.kind}`;
    const list = (this.byKind.get(k) ?? []).filter(
      x => x.version !== t.version,
    );
    list.push(t);
    this.byKind.set(k, list);
    this.changed();
  }

  /** Removes every version of a resource (used when a CRD is deleted). */
  removeResource(group: string, plural: string): void {
    for (const [key, t] of [...this.byPath]) {
      if (t.group === group && t.plural === plural) {
        this.byPath.delete(key);
        this.byKind.delete(`${t.group}/${t.kind}`);
      }
    }
    this.changed();
  }

  /**
   * Serves a group version through an APIService's backend: listed by
   * discovery, and answered by the backend (none answers in kube-sim).
   */
  addAggregated(group: string, version: string): void {
    this.aggregated.add(`${group}/${version}`);
    this.changed();
  }

  removeAggregated(group: string, version: string): void {
    if (this.aggregated.delete(`${group}/${version}`)) this.changed();
  }

  isAggregated(group: string, version: string): boolean {
    return this.aggregated.has(`${group}/${version}`);
  }

  /** The aggregated group versions. */
  aggregatedVersions(): Array<{ group: string; version: string }> {
    return [...this.aggregated].map(gv => {
      const slash = gv.lastIndexOf('/');
      return { group: gv.slice(0, slash), version: gv.slice(slash + 1) };
    });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed() {
    for (const l of this.listeners) l();
  }

  lookup(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** Finds a type by group and kind, preferring the given version. */
  forKind(
    group: string,
    kind: string,
    version?: string,
  ): ResourceType | undefined {
    const list = this.byKind.get(`${group}/${kind}`);
    if (!list || list.length === 0) return undefined;
    return list.find(t => t.version === version) ?? list[0];
  }

  /** The storage key shared by all versions of a resource. */
  keyOf(t: ResourceType): string {
    return resourceKey(t.group, t.plural);
  }

  all(): ResourceType[] {
    return [...this.byPath.values()];
  }

  /** Group name → versions (preferred first) → types. */
  groups(): Map<string, Map<string, ResourceType[]>> {
    const out = new Map<string, Map<string, ResourceType[]>>();
    for (const t of this.byPath.values()) {
      let versions = out.get(t.group);
      if (!versions) out.set(t.group, (versions = new Map()));
      const list = versions.get(t.version) ?? [];
      list.push(t);
      versions.set(t.version, list);
    }
    return out;
  }
}
