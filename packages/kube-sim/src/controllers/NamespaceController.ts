import { KubeObject, StoreEvent } from '../store/KubeObject';
import { Controller, ControllerContext } from './Controller';

/**
 * Namespaces: a new namespace gets its `default` ServiceAccount; a
 * terminating namespace has its contents deleted and goes away when empty.
 */
export class NamespaceController implements Controller {
  readonly name = 'namespace';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === '/namespaces')
      return ev.type === 'DELETED' ? [] : [ev.object.metadata.name!];
    const ns = ev.object.metadata.namespace;
    if (ev.type === 'DELETED' && ns) {
      const n = this.ctx.store.get('/namespaces', undefined, ns);
      if (n?.metadata.deletionTimestamp) return [ns];
    }
    return [];
  }

  reconcile(name: string): void {
    const { store, types, writer, deleter } = this.ctx;
    const ns = store.get('/namespaces', undefined, name);
    if (!ns) return;
    if (!ns.metadata.deletionTimestamp) {
      if (!store.get('/serviceaccounts', name, 'default')) {
        writer.create(
          types.forKind('', 'ServiceAccount')!,
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace: name },
          },
          { manager: 'kube-controller-manager' },
        );
      }
      return;
    }
    let remaining = 0;
    for (const t of types.all()) {
      if (!t.namespaced) continue;
      for (const o of store.list(types.keyOf(t), name) as KubeObject[]) {
        remaining++;
        if (!o.metadata.deletionTimestamp)
          deleter.delete(t, name, o.metadata.name!, {
            propagationPolicy: 'Background',
          });
      }
    }
    if (
      remaining === 0 ||
      store
        .resources()
        .every(r => r === '/namespaces' || store.list(r, name).length === 0)
    ) {
      store.remove('/namespaces', undefined, name);
    }
  }
}
