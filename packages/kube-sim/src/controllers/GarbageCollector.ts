import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../registry/Deleter';
import { KubeObject, objectKey, StoreEvent } from '../store/KubeObject';
import { Controller, ControllerContext } from './Controller';

type Ref = { resource: string; ns?: string; name: string };

/**
 * Garbage collection through ownerReferences: when every owner of an object
 * is gone, the object is deleted; dangling references to a deleted owner are
 * removed when other owners remain. Foreground deletion waits for the
 * dependents; Orphan deletion strips the owner reference from them.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  /** owner uid → dependents */
  private readonly dependents = new Map<string, Map<string, Ref>>();
  /** uid → existing object location (for owner existence checks) */
  private readonly live = new Map<string, Ref>();

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    const o = ev.object;
    const ref: Ref = {
      resource: ev.resource,
      ns: o.metadata.namespace,
      name: o.metadata.name!,
    };
    const id = `${ev.resource}|${objectKey(
      o.metadata.namespace,
      o.metadata.name!,
    )}`;
    for (const r of ev.previous?.metadata.ownerReferences ?? [])
      this.dependents.get(r.uid)?.delete(id);
    const keys: string[] = [];
    if (ev.type === 'DELETED') {
      this.live.delete(o.metadata.uid!);
      keys.push(`owner|${o.metadata.uid}`);
      for (const r of o.metadata.ownerReferences ?? [])
        keys.push(`deleting|${r.uid}`);
    } else {
      this.live.set(o.metadata.uid!, ref);
      for (const r of o.metadata.ownerReferences ?? []) {
        let m = this.dependents.get(r.uid);
        if (!m) this.dependents.set(r.uid, (m = new Map()));
        m.set(id, ref);
        if (!this.live.has(r.uid)) keys.push(`owner|${r.uid}`);
      }
      if (o.metadata.deletionTimestamp) keys.push(`deleting|${o.metadata.uid}`);
    }
    return keys;
  }

  private get(ref: Ref): KubeObject | undefined {
    return this.ctx.store.get(ref.resource, ref.ns, ref.name);
  }

  private typeOf(resource: string) {
    const [group, plural] = resource.split('/');
    return this.ctx.types
      .all()
      .find(t => t.group === group && t.plural === plural);
  }

  reconcile(key: string): void {
    const [what, uid] = key.split('|');
    if (what === 'owner') this.ownerGone(uid);
    else this.ownerDeleting(uid);
  }

  private ownerGone(uid: string) {
    if (this.live.has(uid)) return;
    for (const ref of [...(this.dependents.get(uid)?.values() ?? [])]) {
      const dep = this.get(ref);
      const t = this.typeOf(ref.resource);
      if (!dep || !t) continue;
      const refs = dep.metadata.ownerReferences ?? [];
      const remaining = refs.filter(r => this.live.has(r.uid));
      if (remaining.length === 0) {
        if (!dep.metadata.deletionTimestamp)
          this.ctx.deleter.delete(t, ref.ns, ref.name, {
            propagationPolicy: 'Background',
          });
      } else if (remaining.length !== refs.length) {
        this.ctx.writer.update(
          t,
          { ...dep, metadata: { ...dep.metadata, ownerReferences: remaining } },
          { manager: 'kube-controller-manager' },
        );
      }
    }
    this.dependents.delete(uid);
  }

  private ownerDeleting(uid: string) {
    const ref = this.live.get(uid);
    const owner = ref && this.get(ref);
    const t = ref && this.typeOf(ref.resource);
    if (!owner || !t || !owner.metadata.deletionTimestamp) return;
    const fins = owner.metadata.finalizers ?? [];
    const deps = [...(this.dependents.get(uid)?.values() ?? [])]
      .map(r => [r, this.get(r)] as const)
      .filter(([, o]) => o);
    if (fins.includes(ORPHAN_FINALIZER)) {
      for (const [r, dep] of deps) {
        const dt = this.typeOf(r.resource)!;
        const refs = (dep!.metadata.ownerReferences ?? []).filter(
          x => x.uid !== uid,
        );
        this.ctx.writer.update(
          dt,
          {
            ...dep!,
            metadata: {
              ...dep!.metadata,
              ownerReferences: refs.length ? refs : undefined,
            },
          },
          { manager: 'kube-controller-manager' },
        );
      }
      this.removeFinalizer(owner, t, ORPHAN_FINALIZER);
      return;
    }
    if (fins.includes(FOREGROUND_FINALIZER)) {
      if (deps.length === 0) {
        this.removeFinalizer(owner, t, FOREGROUND_FINALIZER);
        return;
      }
      for (const [r, dep] of deps) {
        if (!dep!.metadata.deletionTimestamp)
          this.ctx.deleter.delete(this.typeOf(r.resource)!, r.ns, r.name, {
            propagationPolicy: 'Foreground',
          });
      }
    }
  }

  private removeFinalizer(
    owner: KubeObject,
    t: ReturnType<GarbageCollector['typeOf']>,
    fin: string,
  ) {
    const cur = this.get({
      resource: this.ctx.types.keyOf(t!),
      ns: owner.metadata.namespace,
      name: owner.metadata.name!,
    });
    if (!cur) return;
    const finalizers = (cur.metadata.finalizers ?? []).filter(f => f !== fin);
    this.ctx.writer.update(
      t!,
      { ...cur, metadata: { ...cur.metadata, finalizers } },
      { manager: 'kube-controller-manager' },
    );
  }
}
