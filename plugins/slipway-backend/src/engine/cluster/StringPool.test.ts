import { StringPool } from './StringPool';

// Which string object is returned cannot be observed from JavaScript (strings compare by value);
// what it saves is measured by the memory benchmark. These tests hold what is kept.
describe('StringPool', () => {
  it('holds equal strings once', () => {
    const pool = new StringPool();
    expect(pool.intern(JSON.parse('"kube-controller-manager"'))).toBe('kube-controller-manager');
    expect(pool.intern(JSON.parse('"kube-controller-manager"'))).toBe('kube-controller-manager');
    expect(pool.intern('other')).toBe('other');
    expect(pool.size).toBe(2);
  });

  it('stays bounded: a full generation becomes the previous one, whose strings are kept only when seen again', () => {
    const pool = new StringPool(3);
    pool.intern('a');
    pool.intern('b');
    pool.intern('c'); // the first generation is full
    pool.intern('a'); // taken over into the new generation
    pool.intern('d');
    pool.intern('e'); // full again: 'b' and 'c' are dropped
    expect(pool.size).toBe(3);
    pool.intern('f');
    expect(pool.size).toBeLessThanOrEqual(6);
    for (let i = 0; i < 100; i++) pool.intern(`x${i}`);
    expect(pool.size).toBeLessThanOrEqual(6);
  });
});
