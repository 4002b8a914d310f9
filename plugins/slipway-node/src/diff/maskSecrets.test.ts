import { diffResource } from './diffResource';
import { maskSecrets, SECRET_REPLACEMENT } from './maskSecrets';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const secret = (data: Record<string, string>, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'prod', ...(annotations ? { annotations } : {}) },
  type: 'Opaque',
  data,
});

describe('Secret masking', () => {
  const gitPassword = 'correct-horse-battery-staple';
  const livePassword = 'hunter2';
  const lastAppliedPassword = 'previous-password-value';

  it('no Secret value (plain or base64) appears anywhere in a diff result', () => {
    const desired = { ...secret({ password: b64(gitPassword) }), stringData: { token: 'plain-token-value' } };
    const lastApplied = JSON.stringify(secret({ password: b64(lastAppliedPassword) }));
    const live = secret({ password: b64(livePassword), token: b64('live-token-value') }, {
      'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
    });
    const result = diffResource(desired, live);
    expect(result.modified).toBe(true);
    const everything = JSON.stringify(result);
    for (const value of [gitPassword, livePassword, lastAppliedPassword, 'plain-token-value', 'live-token-value']) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(b64(value));
    }
    expect(result.diff).toContain(SECRET_REPLACEMENT);
    expect(result.diff).toMatch(/^-\s+password: "?\+{8,}"?$/m);
  });

  it('hides value lengths: placeholders depend on distinctness, not on the value', () => {
    const [short] = maskSecrets([secret({ a: b64('x') })]);
    const [long] = maskSecrets([secret({ a: b64('x'.repeat(500)) })]);
    expect(short!.data).toEqual({ a: SECRET_REPLACEMENT });
    expect(long!.data).toEqual({ a: SECRET_REPLACEMENT });
  });

  it('keeps equal values equal and different values different across objects', () => {
    const [a, b, c] = maskSecrets([secret({ k: b64('one') }), secret({ k: b64('one') }), secret({ k: b64('two') })]);
    expect(a!.data).toEqual(b!.data);
    expect(a!.data).not.toEqual(c!.data);
  });

  it('masks the last-applied-configuration inside the live Secret', () => {
    const lastApplied = JSON.stringify(secret({ password: b64('in-annotation') }));
    const [masked] = maskSecrets([secret({ password: b64('x') }, { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied })]);
    const annotation = masked!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    expect(annotation).not.toContain(b64('in-annotation'));
    expect(JSON.parse(annotation).data.password).toMatch(/^\++$/);
  });

  it('replaces an unreadable last-applied-configuration of a Secret entirely', () => {
    const [masked] = maskSecrets([secret({ p: 'eA==' }, { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"p":"c2VjcmV0' })]);
    expect(masked!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBe(SECRET_REPLACEMENT);
  });

  it('leaves objects that are not Secrets alone, except hidden annotations', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { token: 'abc', keep: 'v' } }, data: { k: 'v' } };
    const [masked] = maskSecrets([cm], ['token']);
    expect(masked!.data).toEqual({ k: 'v' });
    expect(masked!.metadata.annotations).toEqual({ token: SECRET_REPLACEMENT, keep: 'v' });
  });
});
