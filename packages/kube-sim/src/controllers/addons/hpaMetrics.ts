import { KubeObject } from '../../store/KubeObject';

/** The metrics of an HPA; none declared means the default, CPU at 80 %. */
function metricsOf(hpa: KubeObject): any[] {
  const metrics = hpa.spec?.metrics;
  return Array.isArray(metrics) && metrics.length > 0
    ? metrics
    : [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 80 },
          },
        },
      ];
}

/** The current value of a target when the load is exactly at that target. */
function atTarget(target: any = {}) {
  const current: Record<string, unknown> = {};
  if (target.averageUtilization !== undefined)
    current.averageUtilization = target.averageUtilization;
  if (target.averageValue !== undefined)
    current.averageValue = target.averageValue;
  if (target.value !== undefined) current.value = target.value;
  return current;
}

/** `status.currentMetrics`: every metric reads its target (kube-sim has no load). */
export function currentMetrics(hpa: KubeObject): any[] {
  return metricsOf(hpa).map(m => {
    const source =
      m.resource ??
      m.containerResource ??
      m.pods ??
      m.object ??
      m.external ??
      {};
    const { target, ...rest } = source;
    const key =
      m.type === 'ContainerResource'
        ? 'containerResource'
        : String(m.type ?? 'Resource')
            .charAt(0)
            .toLowerCase() + String(m.type ?? 'Resource').slice(1);
    return { type: m.type, [key]: { ...rest, current: atTarget(target) } };
  });
}

/** How the real controller names the metric in the ValidMetricFound message. */
export function metricDescription(hpa: KubeObject): string {
  const m = metricsOf(hpa)[0];
  switch (m.type) {
    case 'Resource':
      return m.resource?.target?.type === 'Utilization'
        ? `${m.resource.name} resource utilization (percentage of request)`
        : `${m.resource?.name} resource`;
    case 'ContainerResource':
      return m.containerResource?.target?.type === 'Utilization'
        ? `${m.containerResource.name} container resource utilization (percentage of request)`
        : `${m.containerResource?.name} container resource`;
    case 'Pods':
      return `pods metric ${m.pods?.metric?.name}`;
    case 'Object':
      return `${m.object?.describedObject?.kind} metric ${m.object?.metric?.name}`;
    default:
      return `external metric ${m.external?.metric?.name}`;
  }
}
