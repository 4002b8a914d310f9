import { OciRepositorySettings } from './ociRepositorySettings';

describe('OciRepositorySettings', () => {
  const settings = new OciRepositorySettings([
    { url: 'oci://registry.example.com', insecureOCIForceHttp: true },
    {
      url: 'registry.example.com/team',
      username: 'ci',
      password: 'team-secret',
      enableOCI: true,
    },
    { url: 'https://registry.example.com/team/special', token: 'tok' },
    {
      url: 'https://git.example.com/',
      username: 'git',
      password: 'git-secret',
    },
  ]);

  it('takes each setting from the longest matching entry that sets it', () => {
    expect(
      settings.accessFor({
        registry: 'registry.example.com',
        repository: 'team/special/web',
      }),
    ).toEqual({
      auth: { username: 'x-access-token', password: 'tok' },
      plainHttp: true,
    });
    expect(
      settings.accessFor({
        registry: 'registry.example.com',
        repository: 'team/web',
      }),
    ).toEqual({
      auth: { username: 'ci', password: 'team-secret' },
      plainHttp: true,
    });
    expect(
      settings.accessFor({
        registry: 'registry.example.com',
        repository: 'public/web',
      }),
    ).toEqual({
      auth: undefined,
      plainHttp: true,
    });
    expect(
      settings.accessFor({
        registry: 'registry.example.com:5000',
        repository: 'team/web',
      }),
    ).toEqual({
      auth: undefined,
      plainHttp: false,
    });
  });

  it('matches at path boundaries only', () => {
    expect(
      settings.accessFor({
        registry: 'registry.example.com',
        repository: 'teammates/web',
      }).auth,
    ).toBeUndefined();
  });

  it('treats oci:// URLs, and URLs without scheme under an enableOCI entry, as OCI registries', () => {
    expect(settings.isOciRepoURL('oci://anything.example.com/charts')).toBe(
      true,
    );
    expect(settings.isOciRepoURL('registry.example.com/team')).toBe(true);
    expect(settings.isOciRepoURL('registry.example.com/team/sub/')).toBe(true);
    expect(settings.isOciRepoURL('registry.example.com/other')).toBe(false);
    expect(settings.isOciRepoURL('https://registry.example.com/team')).toBe(
      false,
    );
  });

  it('lists the passwords and tokens for redaction', () => {
    expect(settings.secrets().sort()).toEqual([
      'git-secret',
      'team-secret',
      'tok',
    ]);
  });
});
