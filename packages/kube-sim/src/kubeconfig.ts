import { stringify } from 'yaml';

/** A kubeconfig for one cluster, user and context (bearer token; CA when HTTPS). */
export function buildKubeconfig(
  name: string,
  server: string,
  token: string,
  caPem?: string,
): string {
  const cluster = caPem
    ? {
        server,
        'certificate-authority-data': Buffer.from(caPem).toString('base64'),
      }
    : // @kubernetes/client-node refuses http:// unless TLS verification is off.
      { server, 'insecure-skip-tls-verify': true };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name, user: { token } }],
    contexts: [
      { name, context: { cluster: name, user: name, namespace: 'default' } },
    ],
    'current-context': name,
    preferences: {},
  });
}
