/*
 * The two controllers a real cluster runs and kube-sim does not simulate:
 * an ingress controller that publishes a load-balancer address on every
 * Ingress, and the HPA controller that reports AbleToScale. They watch the
 * API over HTTP and write the status subresource, as the real ones do.
 */
import { Agent, request } from 'node:http';

interface Api {
  url: string;
  token: string;
}

function call(api: Api, agent: Agent, method: string, path: string, body?: unknown): Promise<void> {
  const url = new URL(api.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${api.token}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/merge-patch+json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      res => {
        res.resume();
        res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Watches a collection across namespaces and hands every added or modified object to `onObject`. */
function watchAll(api: Api, collection: string, onObject: (obj: any) => void): () => void {
  const url = new URL(api.url);
  const req = request(
    {
      host: url.hostname,
      port: url.port,
      path: `${collection}?watch=true&allowWatchBookmarks=false`,
      headers: { authorization: `Bearer ${api.token}`, accept: 'application/json' },
    },
    res => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          const event = JSON.parse(line);
          if (event.type === 'ADDED' || event.type === 'MODIFIED') onObject(event.object);
        }
      });
    },
  );
  req.on('error', () => {});
  req.end();
  return () => req.destroy();
}

export function startAddonControllers(api: Api): { stop(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const fail = (e: Error) => process.stderr.write(`[bench addon controllers] ${e.message}\n`);
  const stops = [
    watchAll(api, '/apis/networking.k8s.io/v1/ingresses', obj => {
      if (obj.status?.loadBalancer?.ingress?.length) return;
      const { namespace, name } = obj.metadata;
      call(api, agent, 'PATCH', `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses/${name}/status`, {
        status: { loadBalancer: { ingress: [{ ip: '10.0.0.10' }] } },
      }).catch(fail);
    }),
    watchAll(api, '/apis/autoscaling/v2/horizontalpodautoscalers', obj => {
      if (obj.status?.conditions?.some((c: any) => c.type === 'AbleToScale')) return;
      const { namespace, name } = obj.metadata;
      const now = new Date().toISOString();
      call(api, agent, 'PATCH', `/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers/${name}/status`, {
        status: {
          currentReplicas: obj.spec?.minReplicas ?? 1,
          desiredReplicas: obj.spec?.minReplicas ?? 1,
          conditions: [
            { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size', lastTransitionTime: now },
            { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to compute the replica count', lastTransitionTime: now },
          ],
        },
      }).catch(fail);
    }),
  ];
  return {
    stop() {
      stops.forEach(s => s());
      agent.destroy();
    },
  };
}
