import { normalizePushURL } from '../../engine/DefaultSlipwayEngine';
import { parseWebhookEvent, shortRef } from './pushEvent';

describe('reading push webhooks', () => {
  it('reads the repository URLs and refs of a Bitbucket Data Center push', () => {
    const body = Buffer.from(
      JSON.stringify({
        repository: {
          links: {
            clone: [
              { href: 'ssh://git@bitbucket.acme.io:7999/ops/gitops.git', name: 'ssh' },
              { href: 'https://bitbucket.acme.io/scm/ops/gitops.git', name: 'http' },
            ],
          },
        },
        changes: [{ ref: { id: 'refs/heads/main', displayId: 'main' }, refId: 'refs/heads/main' }],
      }),
    );
    expect(parseWebhookEvent('bitbucket', 'repo:refs_changed', body)).toEqual({
      type: 'push',
      repoURLs: ['ssh://git@bitbucket.acme.io:7999/ops/gitops.git', 'https://bitbucket.acme.io/scm/ops/gitops.git'],
      refs: ['main'],
    });
  });

  it("lists the files a GitHub or GitLab push changed, unless the payload may leave some out", () => {
    const commit = (added: string[], modified: string[] = [], removed: string[] = []) => ({ id: 'x', added, modified, removed });
    const github = (commits: unknown[]) =>
      parseWebhookEvent(
        'github',
        'push',
        Buffer.from(JSON.stringify({ ref: 'refs/heads/main', repository: { clone_url: 'https://github.com/acme/mono.git' }, commits })),
      );
    expect(github([commit(['apps/web/a.yaml'], ['apps/web/b.yaml']), commit([], ['apps/web/b.yaml'], ['docs/x.md'])])).toMatchObject({
      changedFiles: ['apps/web/a.yaml', 'apps/web/b.yaml', 'docs/x.md'],
    });
    // GitHub lists at most 20 commits; a push with no commit (a new tag) or no file lists nothing usable
    expect(github(Array.from({ length: 20 }, () => commit(['a'])))).not.toHaveProperty('changedFiles');
    expect(github([])).not.toHaveProperty('changedFiles');
    expect(github([commit([])])).not.toHaveProperty('changedFiles');

    const gitlab = (total: number) =>
      parseWebhookEvent(
        'gitlab',
        'Push Hook',
        Buffer.from(
          JSON.stringify({
            ref: 'refs/heads/main',
            project: { git_http_url: 'https://gitlab.com/acme/mono.git' },
            commits: [commit(['apps/api/c.yaml'])],
            total_commits_count: total,
          }),
        ),
      );
    expect(gitlab(1)).toMatchObject({ changedFiles: ['apps/api/c.yaml'] });
    expect(gitlab(25)).not.toHaveProperty('changedFiles');
  });

  it('names tags and branches as an Application targetRevision names them', () => {
    expect(shortRef('refs/heads/release/1.x')).toBe('release/1.x');
    expect(shortRef('refs/tags/v1.2.0')).toBe('v1.2.0');
  });

  it('rejects a push body that is not JSON or names no repository, without quoting it', () => {
    expect(() => parseWebhookEvent('github', 'push', Buffer.from('token=abc'))).toThrow(
      'The push webhook body is not valid JSON; configure the webhook to send application/json',
    );
    expect(() => parseWebhookEvent('gitlab', 'Push Hook', Buffer.from('{"ref":"refs/heads/main"}'))).toThrow('names no repository URL');
  });

  it('matches the https, ssh and scp forms of one repository, whatever the case or .git suffix', () => {
    const forms = [
      'https://github.com/Acme/GitOps.git',
      'https://user:token@github.com/acme/gitops/',
      'git@github.com:acme/gitops.git',
      'ssh://git@github.com/acme/gitops',
      'ssh://git@GitHub.com:22/acme/gitops.git',
    ];
    expect(new Set(forms.map(normalizePushURL))).toEqual(new Set(['github.com/acme/gitops']));
    expect(normalizePushURL('https://github.com/acme/other')).not.toBe(normalizePushURL(forms[0]));
  });
});
