import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';

/** One environment of a new service. */
export interface SkeletonEnvironment {
  name: string;
  cluster: string;
  /** Default: `<service>-<environment>`. */
  namespace?: string;
  replicas?: number;
}

/** What a new service under GitOps is made of. */
export interface SkeletonRequest {
  service: string;
  repoURL: string;
  /** Container image with tag, e.g. `ghcr.io/acme/orders:1.0.0`. */
  image: string;
  port: number;
  project: string;
  environments: SkeletonEnvironment[];
  /** Folder of the service's manifests, e.g. `apps/orders`. */
  appPath: string;
  /** Entity ref of the Component, for `slipway.io/component`. */
  component?: string;
  owner?: string;
  /** Catalog namespace of the ApplicationSet and its Applications; default `default`. */
  catalogNamespace?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IMAGE = /^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/i;

/** Splits `registry/name:tag` into name and tag; the tag defaults to `latest`. */
export function splitImage(image: string): { name: string; tag: string } {
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
  return { name: image, tag: 'latest' };
}

function checkName(value: string, what: string) {
  if (!DNS_LABEL.test(value) || value.length > 53) {
    throw new InputError(`${what} '${value}' is not valid; use lower-case letters, digits and '-', at most 53 characters`);
  }
}

const yaml = (header: string, value: unknown) => `${header}\n${stringify(value)}`;

/**
 * The files of a new service: an ApplicationSet with one list element per
 * environment, a kustomize base (Deployment and Service) and one overlay per
 * environment with its image tag and replicas. Repository-relative paths to
 * contents; `applicationSetPath` is where the ApplicationSet goes. Pure.
 */
export function serviceSkeleton(req: SkeletonRequest, applicationSetPath: string): Record<string, string> {
  checkName(req.service, 'service name');
  if (req.environments.length === 0) throw new InputError('give at least one environment for the new service');
  const seen = new Set<string>();
  for (const env of req.environments) {
    checkName(env.name, 'environment name');
    if (seen.has(env.name)) throw new InputError(`environment '${env.name}' is given twice; environment names must differ`);
    seen.add(env.name);
  }
  if (!IMAGE.test(req.image)) throw new InputError(`image '${req.image}' is not a container image reference such as ghcr.io/acme/orders:1.0.0`);
  const { name: imageName, tag } = splitImage(req.image);
  const labels = { 'app.kubernetes.io/name': req.service };
  const files: Record<string, string> = {};

  files[applicationSetPath] = yaml(
    `# ${req.service}: one kustomize base, one overlay per environment (${req.appPath}).\n` +
      '# Add an environment with the "New environment" template or a list element and an overlay.',
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: {
        name: req.service,
        // The catalog reads the file as an entity: metadata.namespace is its catalog
        // namespace. Left out for `default`, as Argo CD users write it.
        ...(req.catalogNamespace && req.catalogNamespace !== 'default' ? { namespace: req.catalogNamespace } : {}),
        annotations: {
          ...(req.component ? { 'slipway.io/component': req.component } : {}),
          ...(req.owner ? { 'slipway.io/owner': req.owner } : {}),
        },
      },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [
          {
            list: {
              elements: req.environments.map(e => ({
                env: e.name,
                cluster: e.cluster,
                namespace: e.namespace || `${req.service}-${e.name}`,
              })),
            },
          },
        ],
        template: {
          metadata: { name: `${req.service}-{{.env}}`, labels: { 'slipway.io/environment': '{{.env}}' } },
          spec: {
            project: req.project,
            source: { repoURL: req.repoURL, targetRevision: 'HEAD', path: `${req.appPath}/overlays/{{.env}}` },
            destination: { name: '{{.cluster}}', namespace: '{{.namespace}}' },
            syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
          },
        },
      },
    },
  );
  files[`${req.appPath}/base/kustomization.yaml`] = yaml(
    `# ${req.service}: what every environment deploys.`,
    { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['deployment.yaml', 'service.yaml'] },
  );
  files[`${req.appPath}/base/deployment.yaml`] = stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: req.service, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: req.service, image: `${imageName}:${tag}`, ports: [{ containerPort: req.port }] }] },
      },
    },
  });
  files[`${req.appPath}/base/service.yaml`] = stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: req.service, labels },
    spec: { selector: labels, ports: [{ port: req.port, targetPort: req.port }] },
  });
  for (const env of req.environments) {
    files[`${req.appPath}/overlays/${env.name}/kustomization.yaml`] = yaml(
      `# The ${env.name} environment of ${req.service}: its image tag and replicas.`,
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['../../base'],
        images: [{ name: imageName, newTag: tag }],
        replicas: [{ name: req.service, count: env.replicas ?? 1 }],
      },
    );
  }
  return files;
}
