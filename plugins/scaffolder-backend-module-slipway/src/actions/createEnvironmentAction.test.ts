import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { applyPatch } from 'diff';
import { createEnvironmentAction } from './createEnvironmentAction';
import { actionConfig, actionContext, useGitopsRepository } from '../__testUtils__/gitopsRepository';

describe('slipway:environment:create', () => {
  const gitops = useGitopsRepository();

  const catalog = () =>
    catalogServiceMock({
      entities: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationSet',
          metadata: {
            name: 'payments',
            namespace: 'default',
            annotations: {
              'backstage.io/managed-by-location': `url:${gitops.repo.repoURL.replace(/\.git$/, '')}/blob/main/applicationsets/payments.yaml`,
            },
          },
          spec: { template: { spec: { source: { repoURL: gitops.repo.repoURL } } } },
        },
      ],
    });
  const action = (projects?: unknown[]) =>
    createEnvironmentAction({
      config: actionConfig(gitops.repo.repoURL, projects ? { projects } : {}),
      catalog: catalog(),
    });
  const run = async (input: Record<string, unknown>, options: { isDryRun?: boolean; projects?: unknown[] } = {}) => {
    const ctx = actionContext(input, options);
    gitops.track(ctx);
    await action(options.projects).handler(ctx as any);
    return ctx.outputs();
  };

  it('commits a list element and a copied overlay on a new branch, and nothing else', async () => {
    const before = await gitops.repo.head();
    const out = await run({
      applicationSet: 'applicationset:default/payments',
      environment: 'qa',
      copyFrom: 'staging',
      imageTag: '2.0.0',
      replicas: 3,
      branch: 'add-qa',
    });
    expect(out).toMatchObject({
      branch: 'add-qa',
      applicationName: 'payments-qa',
      applicationNames: ['payments-qa'],
      applicationEntityRef: 'application:default/payments-qa',
      repoURL: gitops.repo.repoURL,
    });
    expect(await gitops.repo.head('add-qa')).toBe(out.commitSha);
    expect(await gitops.repo.parentOf(out.commitSha)).toBe(before);
    expect(await gitops.repo.head()).toBe(before);
    expect(await gitops.repo.changedFiles(out.commitSha)).toEqual([
      'M applicationsets/payments.yaml',
      'A apps/payments/overlays/qa/kustomization.yaml',
    ]);
    const appset = await gitops.repo.show(out.commitSha, 'applicationsets/payments.yaml');
    expect(appset).toContain('# payments: one kustomize base, one overlay per environment.');
    expect(appset).toMatch(/- env: qa\n {12}cluster: embedded/);
    const overlay = await gitops.repo.show(out.commitSha, 'apps/payments/overlays/qa/kustomization.yaml');
    expect(overlay).toContain('newTag: 2.0.0');
    expect(overlay).toContain('count: 3');
    expect(overlay).toContain('# The staging environment');
  });

  it('commits a Helm values file to the default branch of a repository given by URL and path', async () => {
    const before = await gitops.repo.head();
    const out = await run({
      repoURL: gitops.repo.repoURL,
      filePath: 'applicationsets/storefront.yaml',
      environment: 'perf',
      copyFrom: 'prod',
      helmValues: { ingress: { host: 'perf.shop.example.com' } },
    });
    expect(out.branch).toBe('main');
    expect(await gitops.repo.head()).toBe(out.commitSha);
    expect(await gitops.repo.parentOf(out.commitSha)).toBe(before);
    expect(await gitops.repo.changedFiles(out.commitSha)).toEqual([
      'M applicationsets/storefront.yaml',
      'A apps/storefront/values/perf.yaml',
    ]);
    expect(await gitops.repo.show(out.commitSha, 'apps/storefront/values/perf.yaml')).toContain('host: perf.shop.example.com');
  });

  it('shows a dry run as unified diffs against the repository, and changes nothing', async () => {
    const before = await gitops.repo.head();
    const branches = await gitops.repo.branches();
    const pushes = gitops.repo.pushes();
    const input = { applicationSet: 'applicationset:default/payments', environment: 'uat', copyFrom: 'dev', branch: 'add-uat' };
    const ctx = actionContext(input, { isDryRun: true });
    gitops.track(ctx);
    await action().handler(ctx as any);
    const out = ctx.outputs();

    expect(out.commitSha).toBe('');
    expect(out.changes.map((c: { path: string; action: string }) => [c.action, c.path])).toEqual([
      ['modify', 'applicationsets/payments.yaml'],
      ['create', 'apps/payments/overlays/uat/kustomization.yaml'],
    ]);
    const [appsetDiff, overlayDiff] = out.changes.map((c: { diff: string }) => c.diff);
    // The ApplicationSet: a hunk adding the list element and nothing else.
    expect(appsetDiff).toMatch(/^--- a\/applicationsets\/payments\.yaml\n\+\+\+ b\/applicationsets\/payments\.yaml\n@@ /);
    const changedLines = (diff: string) => diff.split('\n').filter(l => /^[-+](?![-+]{2} )/.test(l));
    expect(changedLines(appsetDiff)).toEqual(['+          - env: uat', '+            cluster: embedded']);
    // The overlay: a new file, every line added.
    expect(overlayDiff).toMatch(/^--- \/dev\/null\n\+\+\+ b\/apps\/payments\/overlays\/uat\/kustomization\.yaml\n@@ -0,0 \+1,\d+ @@\n/);
    expect(overlayDiff).toContain('\n+# The dev environment of payments');
    // Each diff is in the log too, for the scaffolder's dry-run view.
    expect(ctx.logs()).toEqual(expect.arrayContaining([expect.stringContaining(appsetDiff), expect.stringContaining(overlayDiff)]));

    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
    expect(await gitops.repo.branches()).toEqual(branches);

    // The diffs are exactly what the commit of a real run does.
    const real = await run(input);
    const committed = async (file: string) => `${await gitops.repo.show(real.commitSha, file)}\n`;
    expect(applyPatch(gitops.repo.files['applicationsets/payments.yaml'], appsetDiff)).toBe(
      await committed('applicationsets/payments.yaml'),
    );
    expect(applyPatch('', overlayDiff)).toBe(await committed('apps/payments/overlays/uat/kustomization.yaml'));
  });

  it.each([
    [
      'an environment that exists',
      { environment: 'prod', copyFrom: 'dev' },
      "ApplicationSet 'payments' already has environment 'prod'; choose another name",
    ],
    [
      'a cluster Slipway does not know',
      { environment: 'moon', copyFrom: 'dev', cluster: 'moon' },
      "cluster 'moon' is not one Slipway deploys to (configured: embedded, edge)",
    ],
    [
      'a namespace the project does not allow',
      { environment: 'secret', copyFrom: 'dev' },
      "project 'default' does not allow deploying to cluster 'embedded', namespace 'payments-secret'",
    ],
    [
      'a file outside the repository',
      { applicationSet: undefined, repoURL: 'x', filePath: '../../etc/passwd', environment: 'qa2', copyFrom: 'dev' },
      "ApplicationSet file '../../etc/passwd' leaves the repository",
    ],
    [
      'a branch that exists',
      { environment: 'qa3', copyFrom: 'dev', branch: 'add-qa' },
      "branch 'add-qa' already exists",
    ],
  ])('refuses %s and leaves the repository untouched', async (_what, input, message) => {
    const before = await gitops.repo.head();
    const branches = await gitops.repo.branches();
    const pushes = gitops.repo.pushes();
    await expect(
      run(
        { applicationSet: 'applicationset:default/payments', ...input },
        { projects: [{ name: 'default', destinations: [{ name: '*', namespace: '!payments-secret' }, { name: '*', namespace: '*' }] }] },
      ),
    ).rejects.toThrow(message);
    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
    expect(await gitops.repo.branches()).toEqual(branches);
  });

  it('says which credentials to configure when the server refuses them', async () => {
    const ctx = actionContext({ repoURL: gitops.repo.repoURL, filePath: 'applicationsets/payments.yaml', environment: 'qa4', copyFrom: 'dev' });
    gitops.track(ctx);
    const wrong = createEnvironmentAction({
      config: actionConfig('https://elsewhere.example.com/'),
      catalog: catalog(),
    });
    await expect(wrong.handler(ctx as any)).rejects.toThrow(
      /^cloning http:\/\/127\.0\.0\.1:\d+\/gitops\.git failed: authentication refused; configure credentials for this URL under slipway\.repositories or integrations$/,
    );
  });
});
