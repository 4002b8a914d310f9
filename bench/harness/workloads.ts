/*
 * The 20-resource application the realistic scenarios deploy, after the
 * demo's kustomize shape (examples/gitops/apps/payments: a base, and an
 * overlay per environment with its image tag, replicas and a ConfigMap
 * patch), grown to the kinds a typical service has.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';

const labels = (component: string) => ({ component });

function deployment(name: string, image: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels(name) },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          serviceAccountName: name,
          containers: [
            {
              name,
              image,
              ports: [{ name: 'http', containerPort: 8080 }],
              envFrom: [{ configMapRef: { name: `${name}-config` } }, { secretRef: { name: `${name}-secret` } }],
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

const service = (name: string, component: string, port: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: labels(component), ports: [{ name: 'http', port, targetPort: 'http' }] },
});

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

const hpa = (name: string, max: number): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    minReplicas: 1,
    maxReplicas: max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
});

/** The base: 20 resources, image tag 1.0.0. */
export function baseResources(image = 'ghcr.io/slipway-demo/shop'): KubeObject[] {
  return [
    deployment('api', `${image}-api:1.0.0`, 2),
    deployment('worker', `${image}-worker:1.0.0`, 1),
    service('api', 'api', 80),
    service('worker', 'worker', 80),
    service('metrics', 'api', 9090),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'api' },
      spec: {
        rules: [
          {
            host: 'shop.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] },
          },
        ],
      },
    },
    hpa('api', 10),
    hpa('worker', 4),
    configMap('api-config', { LOG_LEVEL: 'info', CURRENCY: 'EUR' }),
    configMap('worker-config', { QUEUE: 'orders', BATCH: '50' }),
    configMap('feature-flags', { checkout_v2: 'false', dark_mode: 'true' }),
    configMap('nginx-conf', { 'nginx.conf': 'events {}\nhttp { server { listen 8080; } }\n' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-secret' }, type: 'Opaque', stringData: { DB_PASSWORD: 'bench-only' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'worker-secret' }, type: 'Opaque', stringData: { QUEUE_TOKEN: 'bench-only' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'worker' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'config-reader' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'config-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'config-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'api' }],
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'api' },
      spec: { minAvailable: 1, selector: { matchLabels: labels('api') } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  ];
}

const yamlDocs = (objects: KubeObject[]) => objects.map(o => JSON.stringify(o, null, 2)).join('\n---\n');

/**
 * A kustomize repository: `base/` with the 20 resources and one overlay per
 * application (`overlays/<name>`) setting its image tag, replicas and log level.
 */
export function kustomizeRepo(appNames: string[], tag: string): Record<string, string> {
  const files: Record<string, string> = {};
  const base = baseResources();
  base.forEach((o, i) => {
    files[`base/${String(i).padStart(2, '0')}-${o.kind.toLowerCase()}-${o.metadata!.name}.yaml`] = `${JSON.stringify(o, null, 2)}\n`;
  });
  files['base/kustomization.yaml'] = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'labels:',
    '  - pairs:',
    '      app.kubernetes.io/part-of: shop',
    'resources:',
    ...Object.keys(files).map(f => `  - ${f.slice('base/'.length)}`),
    '',
  ].join('\n');
  for (const name of appNames) files[`overlays/${name}/kustomization.yaml`] = overlay(tag);
  return files;
}

/** An overlay of the base, like the demo's `overlays/prod`. */
export function overlay(tag: string): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: ghcr.io/slipway-demo/shop-api
    newTag: "${tag}"
  - name: ghcr.io/slipway-demo/shop-worker
    newTag: "${tag}"
replicas:
  - name: api
    count: 2
patches:
  - target:
      kind: ConfigMap
      name: api-config
    patch: |-
      - op: replace
        path: /data/LOG_LEVEL
        value: warn
`;
}

/** One multi-document YAML file per application (a directory source), the same 20 resources. */
export function directoryRepo(appNames: string[], tag: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of appNames) {
    const objects = baseResources().map(o => {
      const copy = JSON.parse(JSON.stringify(o)) as KubeObject & { spec?: any };
      if (copy.kind === 'Deployment') {
        const c = copy.spec.template.spec.containers[0];
        c.image = c.image.replace(/:[^:]+$/, `:${tag}`);
      }
      return copy;
    });
    files[`apps/${name}/resources.yaml`] = `${yamlDocs(objects)}\n`;
  }
  return files;
}
