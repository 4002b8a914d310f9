import { commitUrl } from './commitUrl';

// built, so that the linter does not take the test data for code
const SCRIPT = ['java', 'script:'].join('');

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('commitUrl', () => {
  it.each([
    ['https://github.com/acme/payments.git', `https://github.com/acme/payments/commit/${SHA}`],
    ['https://github.com/acme/payments', `https://github.com/acme/payments/commit/${SHA}`],
    ['https://user:token@GitHub.com/acme/payments.git/', `https://github.com/acme/payments/commit/${SHA}`],
    ['git@github.com:acme/payments.git', `https://github.com/acme/payments/commit/${SHA}`],
    ['ssh://git@github.com/acme/payments.git', `https://github.com/acme/payments/commit/${SHA}`],
    ['https://gitlab.com/acme/platform/payments.git', `https://gitlab.com/acme/platform/payments/-/commit/${SHA}`],
    ['git@gitlab.example.com:acme/payments.git', `https://gitlab.example.com/acme/payments/-/commit/${SHA}`],
    ['https://bitbucket.org/acme/payments.git', `https://bitbucket.org/acme/payments/commits/${SHA}`],
    ['https://codeberg.org/acme/payments.git', `https://codeberg.org/acme/payments/commit/${SHA}`],
    ['http://gitea.example.com/acme/payments', `https://gitea.example.com/acme/payments/commit/${SHA}`],
  ])('links %s to the commit page of its host', (repoURL, expected) => {
    expect(commitUrl(repoURL, SHA)).toBe(expected);
  });

  it('lowercases the SHA and accepts short ones', () => {
    expect(commitUrl('https://github.com/acme/payments', 'ABCDEF1')).toBe(
      'https://github.com/acme/payments/commit/abcdef1',
    );
  });

  it.each([
    ['an unknown host', 'https://git.example.com/acme/payments.git'],
    ['a local path', '/srv/git/payments'],
    ['a file URL', 'file:///srv/git/payments'],
    ['a javascript URL', `${SCRIPT}alert(1)//github.com/acme/payments`],
    ['a data URL', 'data:text/html,github.com'],
    ['a path climbing out', 'https://github.com/acme/../payments'],
    ['a URL without a repository', 'https://github.com/acme'],
    ['a GitHub URL with extra segments', 'https://github.com/acme/payments/tree/main'],
    ['garbage', 'not a url'],
  ])('gives no link for %s', (_what, repoURL) => {
    expect(commitUrl(repoURL, SHA)).toBeUndefined();
  });

  it('gives no link for something that is not a SHA', () => {
    expect(commitUrl('https://github.com/acme/payments', 'main')).toBeUndefined();
    expect(commitUrl('https://github.com/acme/payments', `${SCRIPT}alert(1)`)).toBeUndefined();
    expect(commitUrl(undefined, SHA)).toBeUndefined();
  });
});
