/** Manifests the plugin tests commit to their Git server. */

/** A ConfigMap with one `color` value, in a sync wave (0, the default, when not given). */
export function configMapYaml(name: string, color: string, wave?: number): string {
  const annotations = wave === undefined ? '' : `  annotations:\n    argocd.argoproj.io/sync-wave: "${wave}"\n`;
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${annotations}data:
  color: ${color}
`;
}

/**
 * A one-replica Deployment in wave 0. kube-sim makes its Pod ready only after
 * its `podReadyDelayMs`, so a later wave waits for it: a sync that stays
 * Running for that long.
 */
export function slowDeploymentYaml(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations:
    argocd.argoproj.io/sync-wave: "0"
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
}
