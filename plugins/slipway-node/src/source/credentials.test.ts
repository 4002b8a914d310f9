import { ConfigReader } from '@backstage/config';
import { CredentialStore, readRepositoryCredentials } from './credentials';
import { redactText, redactUrl } from './redact';

describe('CredentialStore', () => {
  const store = new CredentialStore([
    { url: 'https://git.example.com/', username: 'all', password: 'pw-all' },
    { url: 'https://git.example.com/team-a', username: 'a', password: 'pw-a' },
    { url: 'https://git.example.com/team-a/special.git', token: 'tok-special' },
  ]);

  it('picks the longest matching URL prefix', () => {
    expect(store.find('https://git.example.com/team-b/repo.git')?.username).toBe('all');
    expect(store.find('https://git.example.com/team-a/repo.git')?.username).toBe('a');
    expect(store.find('https://git.example.com/team-a/special')).toEqual({
      username: 'x-access-token',
      password: 'tok-special',
    });
  });

  it('gives no credentials from entries that set none (local folders, OCI settings)', () => {
    const mixed = new CredentialStore([
      { url: 'oci://registry.example.com', username: 'ci', password: 'pw' },
      { url: 'oci://registry.example.com/team', insecureOCIForceHttp: true },
      { url: 'https://git.example.com/apps', localPath: './apps' } as never,
    ]);
    expect(mixed.find('oci://registry.example.com/team/web')).toEqual({ username: 'ci', password: 'pw' });
    expect(mixed.find('https://git.example.com/apps')).toBeUndefined();
  });

  it('matches prefixes only at path boundaries and ignores user info in the URL', () => {
    expect(store.find('https://git.example.com/team-ab/repo')?.username).toBe('all');
    expect(store.find('https://someone@git.example.com/team-a/x')?.username).toBe('a');
    expect(store.find('https://other.example.com/team-a/x')).toBeUndefined();
  });

  it('reads slipway.repositories and integration tokens from configuration', () => {
    const creds = readRepositoryCredentials(
      new ConfigReader({
        slipway: { repositories: [{ url: 'https://git.corp/', username: 'u', password: 'p' }] },
        integrations: { github: [{ host: 'github.com', token: 'ghp_x' }] },
      }),
    );
    const configured = new CredentialStore(creds);
    expect(configured.find('https://git.corp/x/y')).toEqual({ username: 'u', password: 'p' });
    expect(configured.find('https://github.com/acme/apps.git')).toEqual({
      username: 'x-access-token',
      password: 'ghp_x',
    });
  });

  it("reads Argo CD's OCI settings of a repository", () => {
    const [entry] = readRepositoryCredentials(
      new ConfigReader({
        slipway: { repositories: [{ url: 'registry.corp/charts', enableOCI: true, insecureOCIForceHttp: true }] },
      }),
    );
    expect(entry).toMatchObject({ url: 'registry.corp/charts', enableOCI: true, insecureOCIForceHttp: true });
  });
});

describe('redaction', () => {
  it('removes user info from URLs', () => {
    expect(redactUrl('https://bob:hunter22@git.example.com/a.git')).toBe('https://***@git.example.com/a.git');
    expect(redactUrl('https://git.example.com/a.git')).toBe('https://git.example.com/a.git');
  });

  it('removes URL user info, authorization headers and known secrets from any text', () => {
    const text =
      'clone https://bob:hunter22@h/x failed; Authorization: Basic Ym9iOmh1bnRlcjIy; token=hunter22 (hunter%2Fx)';
    const out = redactText(text, ['hunter22', 'hunter/x']);
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('Ym9iOmh1bnRlcjIy');
    expect(out).not.toContain('hunter%2Fx');
    expect(out).toContain('https://***@h/x');
  });
});
