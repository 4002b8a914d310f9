import { IncomingMessage, ServerResponse } from 'node:http';
import { KubeObject, StoreEvent } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { apiVersionOf } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';
import { ListFilter, listFilter, matches } from './ListQuery';
import { ResourceRequest } from './RequestInfo';
import { served } from './ResourceHandler';
import { KubeError } from './Status';
import { toTable, wantsTable } from './Table';

export interface WatchSettings {
  bookmarkIntervalMs: number;
}

type Cached = StoreEvent & { json?: string };

/**
 * Watch: a chunked stream of JSON lines `{"type":...,"object":...}`.
 * Without resourceVersion (or "0") it starts with synthetic ADDED events for
 * the current state; with one it replays what changed after it, or sends an
 * ERROR event with a 410 Expired Status when that history is gone.
 */
export class WatchHandler {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
    private readonly settings: WatchSettings,
  ) {}

  watch(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): void {
    const t = rr.type;
    const filter: ListFilter = listFilter(t, rr.namespace, q);
    if (rr.name)
      filter.fields.push({
        path: 'metadata.name',
        value: rr.name,
        negate: false,
      });
    const table = wantsTable(req.headers.accept);
    const bookmarks = q.get('allowWatchBookmarks') === 'true';
    const rvParam = q.get('resourceVersion');
    const sendInitial = q.get('sendInitialEvents') === 'true';
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const key = this.types.keyOf(t);
    const encode = (type: string, o: KubeObject) =>
      table
        ? JSON.stringify({
            type,
            object: toTable(
              t,
              [served(t, o)],
              String(o.metadata.resourceVersion),
            ),
          })
        : JSON.stringify({ type, object: served(t, o) });
    const write = (line: string) => {
      res.write(`${line}\n`);
    };
    const sameVersion = apiVersionOf(t);
    const onEvent = (ev: Cached) => {
      const now = matches(filter, ev.object);
      const before =
        ev.type === 'MODIFIED' && ev.previous
          ? matches(filter, ev.previous)
          : now;
      let type: string = ev.type;
      if (ev.type === 'MODIFIED' && before !== now)
        type = now ? 'ADDED' : 'DELETED';
      else if (!now) return;
      if (type === ev.type && !table && ev.object.apiVersion === sameVersion) {
        ev.json ??= JSON.stringify({ type: ev.type, object: ev.object });
        write(ev.json);
      } else {
        write(encode(type, ev.object));
      }
    };
    let unsubscribe: () => void = () => {};
    const fromRV = rvParam && rvParam !== '0' ? Number(rvParam) : 0;
    try {
      if (!fromRV || sendInitial) {
        for (const o of this.store.list(key, rr.namespace))
          if (matches(filter, o)) write(encode('ADDED', o));
        const at = this.store.currentRV();
        if (sendInitial && bookmarks) {
          write(
            JSON.stringify({
              type: 'BOOKMARK',
              object: {
                kind: t.kind,
                apiVersion: sameVersion,
                metadata: {
                  resourceVersion: String(at),
                  annotations: { 'k8s.io/initial-events-end': 'true' },
                },
              },
            }),
          );
        }
        unsubscribe = this.store.subscribe(key, 0, onEvent);
      } else {
        if (Number.isNaN(fromRV))
          throw new KubeError(
            400,
            'BadRequest',
            `invalid resource version: ${rvParam}`,
          );
        unsubscribe = this.store.subscribe(key, fromRV, onEvent);
      }
    } catch (e) {
      const status =
        e instanceof KubeError
          ? e.toStatus()
          : {
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              code: 500,
              reason: 'InternalError',
              message: String(e),
            };
      write(JSON.stringify({ type: 'ERROR', object: status }));
      res.end();
      return;
    }
    this.open.add(res);
    const timers: NodeJS.Timeout[] = [];
    const close = () => {
      unsubscribe();
      for (const tm of timers) clearInterval(tm);
      this.open.delete(res);
      if (!res.writableEnded) res.end();
    };
    if (bookmarks && this.settings.bookmarkIntervalMs > 0) {
      const tm = setInterval(() => {
        write(
          JSON.stringify({
            type: 'BOOKMARK',
            object: {
              kind: t.kind,
              apiVersion: sameVersion,
              metadata: { resourceVersion: String(this.store.currentRV()) },
            },
          }),
        );
      }, this.settings.bookmarkIntervalMs);
      tm.unref();
      timers.push(tm);
    }
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    if (timeout > 0) {
      const tm = setTimeout(close, timeout * 1000);
      tm.unref();
      timers.push(tm);
    }
    req.on('close', close);
    res.on('close', close);
    res.on('error', close);
  }

  /** Ends every open watch (server shutdown). */
  closeAll(): void {
    for (const r of [...this.open]) r.end();
  }
}
