import { JsonPool } from './JsonPool';

describe('JsonPool', () => {
  it('returns equal values, sharing equal objects and arrays among them', () => {
    const pool = new JsonPool();
    const a = pool.share({ ports: [{ port: 80 }], selector: { app: 'a' }, replicas: 2 });
    const b = pool.share({ ports: [{ port: 80 }], selector: { app: 'b' }, replicas: 2 });
    expect(a).toEqual({ ports: [{ port: 80 }], selector: { app: 'a' }, replicas: 2 });
    expect(b.ports).toBe(a.ports);
    expect(b.selector).not.toBe(a.selector);
    expect(pool.share({ ports: [{ port: 80 }], selector: { app: 'a' }, replicas: 2 })).toBe(a);
  });

  it('tells apart values whose JSON differs only in types or order of list items', () => {
    const pool = new JsonPool();
    expect(pool.share({ port: '80' })).not.toBe(pool.share({ port: 80 }));
    expect(pool.share([1, 2])).not.toBe(pool.share([2, 1]));
    expect(pool.share({ long: 'x'.repeat(200) })).not.toBe(pool.share({ long: 'y'.repeat(200) }));
  });

  it('shares large nested values only when they are equal all the way down', () => {
    const pool = new JsonPool();
    const container = (image: string) => ({ name: 'api', image, env: Array.from({ length: 20 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` })) });
    const spec = (image: string) => ({ template: { spec: { containers: [container(image), container('sidecar:1')] } } });
    const a = pool.share(spec('api:1'));
    const b = pool.share(spec('api:2'));
    const again = pool.share(spec('api:1'));
    expect(b).toEqual(spec('api:2'));
    expect(b).not.toBe(a);
    expect(again).toBe(a);
    expect(b.template.spec.containers[1]).toBe(a.template.spec.containers[1]);
    expect(b.template.spec.containers[0].env).toBe(a.template.spec.containers[0].env);
    // a string that looks like a key is a string, not a key
    expect(pool.share({ v: '#abc' })).not.toBe(pool.share({ v: { '#abc': 1 } }));
  });

  it('freezes what it holds and leaves the value given unchanged and unfrozen', () => {
    const pool = new JsonPool();
    const given = { spec: { replicas: 1 } };
    const shared = pool.share(given);
    expect(Object.isFrozen(shared.spec)).toBe(true);
    expect(Object.isFrozen(given.spec)).toBe(false);
    given.spec.replicas = 5;
    expect(shared.spec.replicas).toBe(1);
  });

  it('takes the fields of a body that did not change from the earlier version, and shares the changed ones', () => {
    const pool = new JsonPool();
    const pod = (phase: string) => ({
      kind: 'Pod',
      metadata: { name: 'api-1' },
      spec: { containers: [{ name: 'api', image: 'api:1' }] },
      status: { phase },
    });
    const pending = pool.shareBody(pod('Pending'));
    const running = pool.shareBody(pod('Running'), pending);
    expect(running).toEqual(pod('Running'));
    expect(running.spec).toBe(pending.spec);
    expect(running.status).not.toBe(pending.status);
    expect(Object.isFrozen(running.status)).toBe(true);
    // an earlier version whose field differs lends nothing
    const other = pool.shareBody({ ...pod('Running'), spec: { containers: [{ name: 'api', image: 'api:2' }] } }, running);
    expect(other.spec.containers[0].image).toBe('api:2');
  });

  it('passes primitives and null through', () => {
    const pool = new JsonPool();
    expect(pool.share('text')).toBe('text');
    expect(pool.share(null)).toBeNull();
    expect(pool.share(3)).toBe(3);
  });
});
