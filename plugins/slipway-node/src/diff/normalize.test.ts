import { normalizeObject } from './normalize';

describe('normalizeObject', () => {
  it('folds Secret stringData into base64 data, as the API server stores it', () => {
    const out = normalizeObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { user: 'admin' },
      data: { other: 'eA==' },
    });
    expect(out.stringData).toBeUndefined();
    expect(out.data).toEqual({ user: Buffer.from('admin').toString('base64'), other: 'eA==' });
  });

  it('writes a null Secret value as an empty string (argo-cd#943)', () => {
    const out = normalizeObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: null } });
    expect(out.data).toEqual({ k: '' });
  });

  it('treats empty role rules as no rules', () => {
    const out = normalizeObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] });
    expect('rules' in out).toBe(false);
  });

  it('drops the rules of aggregated roles only when asked to', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'r' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    };
    expect(normalizeObject(role, { ignoreAggregatedRoles: true }).rules).toBeUndefined();
    expect(normalizeObject(role).rules).toHaveLength(1);
  });

  it('writes resource quantities in canonical form', () => {
    const out = normalizeObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1000m', memory: '1024Mi' }, requests: { cpu: 0.5 } } }] } } },
    }) as any;
    expect(out.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } });
  });

  it('writes quantities of LimitRanges, autoscaler targets and overheads in canonical form', () => {
    const limitRange = normalizeObject({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'l' },
      spec: { limits: [{ type: 'Container', default: { cpu: '0.5' }, max: { memory: '1024Mi' } }] },
    });
    expect(limitRange.spec).toEqual({ limits: [{ type: 'Container', default: { cpu: '500m' }, max: { memory: '1Gi' } }] });
    const hpa = normalizeObject({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '0.5' } } }] },
    });
    expect((hpa.spec as any).metrics[0].resource.target.averageValue).toBe('500m');
    const runtimeClass = normalizeObject({
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'r' },
      overhead: { podFixed: { memory: '1024Mi', cpu: '0.25' } },
    });
    expect(runtimeClass.overhead).toEqual({ podFixed: { memory: '1Gi', cpu: '250m' } });
  });

  it('does not touch strings that are not quantities elsewhere', () => {
    const out = normalizeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { cpu: '1000m' } });
    expect(out.data).toEqual({ cpu: '1000m' });
  });

  it('sorts Endpoints subsets and defaults port protocol to TCP', () => {
    const ep = (ips: string[]) =>
      normalizeObject({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'e' },
        subsets: [{ addresses: ips.map(ip => ({ ip })), ports: [{ name: 'b', port: 2 }, { name: 'a', port: 1, protocol: 'TCP' }] }],
      });
    expect(ep(['10.0.0.2', '10.0.0.1'])).toEqual(ep(['10.0.0.1', '10.0.0.2']));
    expect((ep(['1.1.1.1']) as any).subsets[0].ports.every((p: any) => p.protocol === 'TCP')).toBe(true);
  });

  it('drops creationTimestamp and null fields, and does not change its input', () => {
    const input = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null, labels: null } };
    const out = normalizeObject(input as any);
    expect(out.metadata).toEqual({ name: 'c' });
    expect(input.metadata.creationTimestamp).toBeNull();
  });
});
