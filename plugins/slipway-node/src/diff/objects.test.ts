import { cloneJson } from './objects';

const viaText = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('cloneJson', () => {
  it('copies a manifest deeply: the copy equals the original and shares no object with it', () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', labels: { app: 'api' }, annotations: {} },
      spec: { replicas: 2, paused: false, template: { spec: { containers: [{ name: 'api', ports: [{ containerPort: 8080 }], args: [] }] } } },
    };
    const copy = cloneJson(manifest);
    expect(copy).toEqual(manifest);
    copy.spec.template.spec.containers[0].ports[0].containerPort = 9090;
    copy.metadata.labels.app = 'changed';
    expect(manifest.spec.template.spec.containers[0].ports[0].containerPort).toBe(8080);
    expect(manifest.metadata.labels.app).toBe('api');
  });

  it('gives what a JSON text round trip gives for values JSON cannot hold', () => {
    const odd = {
      dropped: undefined,
      fn: () => 1,
      list: [undefined, () => 1, NaN, Infinity, 1, 'a', null],
      nan: NaN,
      date: new Date(Date.UTC(2024, 0, 2)),
      nested: { toJSON: () => ({ replaced: true }) },
    };
    expect(cloneJson(odd)).toEqual(viaText(odd));
    expect(Object.keys(cloneJson(odd))).toEqual(Object.keys(viaText(odd)));
    expect(cloneJson(7)).toBe(7);
    expect(cloneJson('x')).toBe('x');
    expect(cloneJson(null)).toBeNull();
    expect(cloneJson(undefined)).toBeUndefined();
    expect(() => cloneJson(BigInt(1))).toThrow(TypeError);
  });

  it('keeps a "__proto__" member as data, as JSON.parse does, without touching the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const copy = cloneJson(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect((copy as any).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});
