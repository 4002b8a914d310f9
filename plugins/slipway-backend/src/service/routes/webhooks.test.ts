import crypto from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { routerFixture } from '../__testUtils__/routerFixture';

jest.setTimeout(60_000);

const SECRET = 'push-secret';
const hmac = (body: string, secret = SECRET) => crypto.createHmac('sha256', secret).update(body).digest('hex');

const githubPush = JSON.stringify({
  ref: 'refs/heads/main',
  repository: { clone_url: 'https://github.com/acme/gitops.git', ssh_url: 'git@github.com:acme/gitops.git', html_url: 'https://github.com/acme/gitops' },
});
const gitlabPush = JSON.stringify({
  object_kind: 'push',
  ref: 'refs/heads/main',
  project: { git_http_url: 'https://gitlab.com/acme/gitops.git', git_ssh_url: 'git@gitlab.com:acme/gitops.git', web_url: 'https://gitlab.com/acme/gitops' },
});
const bitbucketPush = JSON.stringify({
  repository: { full_name: 'acme/gitops', links: { html: { href: 'https://bitbucket.org/acme/gitops' } } },
  push: { changes: [{ new: { type: 'branch', name: 'main' } }, { new: { type: 'branch', name: 'release' } }] },
});

/** A signed push per provider, and how to spoil its signature. */
const providers = [
  { provider: 'github', body: githubPush, url: 'https://github.com/acme/gitops.git', refs: ['main'], sign: (b: string, s?: string) => ({ 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac(b, s)}` }) },
  { provider: 'gitlab', body: gitlabPush, url: 'https://gitlab.com/acme/gitops.git', refs: ['main'], sign: (_b: string, s = SECRET) => ({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': s }) },
  { provider: 'bitbucket', body: bitbucketPush, url: 'https://bitbucket.org/acme/gitops', refs: ['main', 'release'], sign: (b: string, s?: string) => ({ 'x-event-key': 'repo:push', 'x-hub-signature': `sha256=${hmac(b, s)}` }) },
  { provider: 'gitea', body: githubPush, url: 'https://github.com/acme/gitops.git', refs: ['main'], sign: (b: string, s?: string) => ({ 'x-gitea-event': 'push', 'x-github-event': 'push', 'x-gitea-signature': hmac(b, s) }) },
];

const signatureHeader: Record<string, string> = {
  github: 'X-Hub-Signature-256',
  gitlab: 'X-Gitlab-Token',
  bitbucket: 'X-Hub-Signature',
  gitea: 'X-Gitea-Signature',
};

describe('POST /webhooks/git', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const config = {
    slipway: {
      webhooks: { github: { secret: SECRET }, gitlab: { secret: SECRET }, bitbucket: { secret: SECRET }, gitea: { secret: SECRET }, maxBodyBytes: 4096 },
    },
  };

  describe.each(providers)('from $provider', ({ provider, body, url, refs, sign }) => {
    it('refreshes the applications that follow the pushed repository and refs when the signature is valid', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { config });
      engine.refreshForPush.mockImplementation(async (repoURL, ref) => (repoURL === url && ref === refs[0] ? ['application:default/alpha'] : []));
      const response = await request(app).post('/webhooks/git').set(sign(body)).set('content-type', 'application/json').send(body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ provider, refreshed: ['application:default/alpha'] });
      // the fixtures' pushes list no changed files: every application of the repository is refreshed
      for (const ref of refs) expect(engine.refreshForPush).toHaveBeenCalledWith(url, ref, undefined);
      expect(auditor.events).toEqual([expect.objectContaining({ eventId: 'webhook-push', outcome: 'success', resultMeta: { refreshed: ['application:default/alpha'] } })]);
    });

    it('rejects a wrong signature with 401 and refreshes nothing', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { config });
      const response = await request(app).post('/webhooks/git').set(sign(body, 'not-the-secret')).set('content-type', 'application/json').send(body);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toMatch(/webhook rejected: the .* (does not match)/);
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
      expect(engine.refreshForPush).not.toHaveBeenCalled();
      expect(auditor.events[0]).toMatchObject({ outcome: 'fail' });
    });

    it('rejects a body changed after signing', async () => {
      const { app, engine } = await routerFixture(databases, { config });
      const tampered = body.replace('main', 'evil');
      const response = await request(app).post('/webhooks/git').set(sign(body)).set('content-type', 'application/json').send(tampered);
      // GitLab signs nothing: its token only proves the sender knows the secret
      const signed = provider !== 'gitlab';
      expect(response.status).toBe(signed ? 401 : 200);
      expect(engine.refreshForPush.mock.calls.length > 0).toBe(!signed);
    });

    it('rejects a missing signature with 401, naming the header to set', async () => {
      const { app, engine } = await routerFixture(databases, { config });
      const headers: Record<string, string> = { ...sign(body) };
      delete headers[signatureHeader[provider].toLowerCase()];
      const response = await request(app).post('/webhooks/git').set(headers).set('content-type', 'application/json').send(body);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toContain(`the ${signatureHeader[provider]} header is missing`);
      expect(engine.refreshForPush).not.toHaveBeenCalled();
    });

    it('refuses a body above the configured size with 413 before verifying it', async () => {
      const { app, engine } = await routerFixture(databases, { config });
      const large = JSON.stringify({ ...JSON.parse(body), padding: 'x'.repeat(5000) });
      const response = await request(app).post('/webhooks/git').set(sign(large)).set('content-type', 'application/json').send(large);
      expect(response.status).toBe(413);
      expect(response.body.error.message).toContain('larger than the limit of 4096 bytes');
      expect(engine.refreshForPush).not.toHaveBeenCalled();
    });

    it('refuses every webhook of the provider when no secret is configured for it', async () => {
      const { app, engine } = await routerFixture(databases, { config: { slipway: { webhooks: {} } } });
      const response = await request(app).post('/webhooks/git').set(sign(body)).set('content-type', 'application/json').send(body);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(`no secret is configured for them; set slipway.webhooks.${provider}.secret`);
      expect(engine.refreshForPush).not.toHaveBeenCalled();
    });
  });

  it('answers a verified ping, ignores other events, and rejects senders it does not know', async () => {
    const { app, engine } = await routerFixture(databases, { config });
    const ping = '{"zen":"Keep it logically awesome."}';
    const pong = await request(app).post('/webhooks/git').set({ 'x-github-event': 'ping', 'x-hub-signature-256': `sha256=${hmac(ping)}` }).send(ping);
    expect(pong.status).toBe(200);
    expect(pong.body.message).toContain('GitHub webhook verified');
    const issue = '{"action":"opened"}';
    const ignored = await request(app).post('/webhooks/git').set({ 'x-github-event': 'issues', 'x-hub-signature-256': `sha256=${hmac(issue)}` }).send(issue);
    expect(ignored.body.message).toBe("GitHub event 'issues' is not a push; nothing to do");
    const stranger = JSON.stringify({ ref: 'refs/heads/main', repository: { clone_url: 'https://bot:s3cret@github.com/acme/other.git' } });
    const unmatched = await request(app).post('/webhooks/git').set({ 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac(stranger)}` }).send(stranger);
    expect(unmatched.body).toMatchObject({ refreshed: [], message: 'no application follows https://github.com/acme/other.git at main' });
    const unknown = await request(app).post('/webhooks/git').send('{}');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('Unrecognised webhook');
    expect(engine.refreshForPush).toHaveBeenCalledTimes(1);
  });

  it("passes on the files a push changed, for the applications' manifest-generate-paths", async () => {
    const { app, engine } = await routerFixture(databases, { config });
    const push = JSON.stringify({
      ref: 'refs/heads/main',
      repository: { clone_url: 'https://github.com/acme/gitops.git' },
      commits: [{ id: 'c1', added: ['apps/web/new.yaml'], modified: ['apps/api/values.yaml'], removed: [] }],
    });
    const response = await request(app).post('/webhooks/git').set({ 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac(push)}` }).set('content-type', 'application/json').send(push);
    expect(response.status).toBe(200);
    expect(engine.refreshForPush).toHaveBeenCalledWith('https://github.com/acme/gitops.git', 'main', ['apps/web/new.yaml', 'apps/api/values.yaml']);
  });
});
