import { KubeObject } from '../store/KubeObject';

export function isPodActive(p: KubeObject): boolean {
  const phase = p.status?.phase;
  return (
    !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed'
  );
}

export function isPodReady(p: KubeObject): boolean {
  return (p.status?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );
}
