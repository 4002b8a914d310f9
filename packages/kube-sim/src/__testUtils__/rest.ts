import { KubeSim } from '../startKubeSim';

export interface RestResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface WatchEvent {
  type: string;
  object: any;
}

/** A watch stream that collects its events. */
export interface Watcher {
  events: WatchEvent[];
  /** Resolves with the events once `predicate` holds for them (or throws after `ms`). */
  until(
    predicate: (events: WatchEvent[]) => boolean,
    ms?: number,
  ): Promise<WatchEvent[]>;
  close(): void;
}

function encode(body: unknown): string | undefined {
  return body === undefined ? undefined : JSON.stringify(body);
}

/** Raw REST calls against a running simulator, as the admin user. */
export function rest(sim: KubeSim) {
  const auth = { authorization: `Bearer ${sim.token}` };

  async function call(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    headers: Record<string, string> = {},
  ): Promise<RestResponse> {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: {
        ...auth,
        ...(body !== undefined ? { 'content-type': contentType } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : encode(body),
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  function watch(path: string): Watcher {
    const controller = new AbortController();
    const events: WatchEvent[] = [];
    let buffer = '';
    const done = (async () => {
      const response = await fetch(`${sim.url}${path}`, {
        headers: auth,
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) return;
        buffer += decoder.decode(value, { stream: true });
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) events.push(JSON.parse(line));
          nl = buffer.indexOf('\n');
        }
      }
    })().catch(() => undefined);
    return {
      events,
      async until(predicate, ms = 3000) {
        const end = Date.now() + ms;
        while (!predicate(events)) {
          if (Date.now() > end)
            throw new Error(
              `watch ${path}: condition not met within ${ms} ms; events: ${JSON.stringify(
                events.map(e => [e.type, e.object?.metadata?.name]),
              )}`,
            );
          await new Promise(r => setTimeout(r, 5));
        }
        return events;
      },
      close() {
        controller.abort();
        void done;
      },
    };
  }

  return {
    call,
    get: (path: string, headers?: Record<string, string>) =>
      call('GET', path, undefined, undefined, headers),
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, contentType: string, body: unknown) =>
      call('PATCH', path, body, contentType),
    del: (path: string, body?: unknown) => call('DELETE', path, body),
    watch,
  };
}

export type Rest = ReturnType<typeof rest>;

/** A ConfigMap manifest. */
export function configMap(
  name: string,
  namespace = 'default',
  extra: {
    labels?: Record<string, string>;
    data?: Record<string, string>;
  } = {},
): any {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: extra.labels },
    data: extra.data ?? { key: name },
  };
}

/** A Deployment manifest with one container `main`. */
export function deploymentManifest(
  name: string,
  opts: {
    namespace?: string;
    image?: string;
    replicas?: number;
    annotations?: Record<string, string>;
  } = {},
): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: opts.annotations },
        spec: {
          containers: [
            {
              name: 'main',
              image: opts.image ?? 'nginx:1.25',
              ports: [{ containerPort: 80, name: 'http' }],
            },
          ],
        },
      },
    },
  };
}

/** Condition of a given type from an object's status. */
export function condition(o: any, type: string): any {
  return (o?.status?.conditions ?? []).find((c: any) => c.type === type);
}
