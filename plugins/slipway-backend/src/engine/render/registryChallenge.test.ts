import { parseChallenge } from './registryChallenge';

describe('parseChallenge', () => {
  it('reads the Basic challenge of a registry with htpasswd auth', () => {
    expect(parseChallenge('Basic realm="slipway-test"')).toEqual({
      scheme: 'basic',
      params: { realm: 'slipway-test' },
    });
  });

  it('reads a Bearer challenge with realm, service and scope', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:bitnamicharts/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:bitnamicharts/nginx:pull',
      },
    });
  });

  it('takes unquoted and escaped values, and nothing from an empty header', () => {
    expect(
      parseChallenge('Bearer realm=https://r/t, error="a \\"b\\""')?.params,
    ).toEqual({
      realm: 'https://r/t',
      error: 'a "b"',
    });
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge('')).toBeUndefined();
  });
});
