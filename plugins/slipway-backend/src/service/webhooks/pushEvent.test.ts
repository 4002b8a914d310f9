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
