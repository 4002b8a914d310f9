import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { findRepoRoot } from '@slipway/test-utils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { actionConfig, actionContext, useGitopsRepository } from '../__testUtils__/gitopsRepository';
import { createOnboardApplicationAction } from './onboardApplicationAction';

describe('slipway:application:onboard', () => {
  const gitops = useGitopsRepository();

  const setup = () => {
    const catalog = catalogServiceMock();
    const host = new URL(gitops.repo.repoURL).host;
    const base = actionConfig(gitops.repo.repoURL, {
      projects: [{ name: 'orders', destinations: [{ name: 'embedded', namespace: 'orders-*' }] }],
    });
    const config = new ConfigReader({ ...base.get<object>(), integrations: { gitea: [{ host }] } });
    const action = createOnboardApplicationAction({ config, catalog });
    const run = async (input: Record<string, unknown>, options: { isDryRun?: boolean } = {}) => {
      const ctx = actionContext(input, options);
      gitops.track(ctx);
      await action.handler(ctx as any);
      return ctx.outputs();
    };
    return { catalog, action, run };
  };
  const orders = {
    name: 'orders',
    image: 'ghcr.io/acme/orders:1.0.0',
    component: 'component:default/orders',
    project: 'orders',
    environments: [
      { name: 'dev', cluster: 'embedded' },
      { name: 'prod', cluster: 'embedded', replicas: 3 },
    ],
  };

  it('commits an ApplicationSet and kustomize manifests, and registers the ApplicationSet', async () => {
    const { catalog, run } = setup();
    const addLocation = jest.spyOn(catalog, 'addLocation').mockResolvedValue({ location: { id: '1', type: 'url', target: '', entityRef: 'location:default/generated' }, entities: [] });
    const before = await gitops.repo.head();
    const out = await run({ repoURL: gitops.repo.repoURL, ...orders, branch: 'onboard-orders' });
    expect(out).toMatchObject({
      branch: 'onboard-orders',
      entityRef: 'applicationset:default/orders',
      applicationNames: ['orders-dev', 'orders-prod'],
      applicationEntityRefs: ['application:default/orders-dev', 'application:default/orders-prod'],
      catalogInfoUrl: `${gitops.repo.repoURL.replace(/\.git$/, '')}/src/branch/onboard-orders/applicationsets/orders.yaml`,
    });
    expect(await gitops.repo.parentOf(out.commitSha)).toBe(before);
    expect(await gitops.repo.head()).toBe(before);
    expect(await gitops.repo.changedFiles(out.commitSha)).toEqual([
      'A applicationsets/orders.yaml',
      'A apps/orders/base/deployment.yaml',
      'A apps/orders/base/kustomization.yaml',
      'A apps/orders/base/service.yaml',
      'A apps/orders/overlays/dev/kustomization.yaml',
      'A apps/orders/overlays/prod/kustomization.yaml',
    ]);
    const set = parse(await gitops.repo.show(out.commitSha, 'applicationsets/orders.yaml'));
    expect(set.metadata.annotations).toEqual({ 'slipway.io/component': 'component:default/orders' });
    expect(set.spec.template.spec.source).toEqual({ repoURL: gitops.repo.repoURL, targetRevision: 'HEAD', path: 'apps/orders/overlays/{{.env}}' });
    expect(parse(await gitops.repo.show(out.commitSha, 'apps/orders/overlays/prod/kustomization.yaml'))).toMatchObject({
      images: [{ name: 'ghcr.io/acme/orders', newTag: '1.0.0' }],
      replicas: [{ name: 'orders', count: 3 }],
    });
    expect(addLocation).toHaveBeenCalledWith({ type: 'url', target: out.catalogInfoUrl }, expect.anything());
  });

  it.each([
    ['a service that exists', { name: 'payments', project: 'default' }, "'applicationsets/payments.yaml' already exists"],
    [
      'a namespace the project does not allow',
      { environments: [{ name: 'dev', cluster: 'embedded', namespace: 'kube-system' }] },
      "environment 'dev' cannot be deployed: project 'orders' does not allow deploying to cluster 'embedded', namespace 'kube-system'",
    ],
    ['a folder outside the repository', { path: '../elsewhere' }, "manifest folder '../elsewhere' leaves the repository"],
  ])('refuses %s and changes nothing', async (_what, input, message) => {
    const { catalog, run } = setup();
    const addLocation = jest.spyOn(catalog, 'addLocation').mockResolvedValue({ location: { id: '1', type: 'url', target: '', entityRef: 'location:default/generated' }, entities: [] });
    const before = await gitops.repo.head();
    const pushes = gitops.repo.pushes();
    await expect(run({ repoURL: gitops.repo.repoURL, ...orders, ...input })).rejects.toThrow(message);
    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
    expect(addLocation).not.toHaveBeenCalled();
  });

  it('shows a dry run as diffs creating each file, and neither pushes nor registers', async () => {
    const { catalog, action } = setup();
    const addLocation = jest.spyOn(catalog, 'addLocation');
    const before = await gitops.repo.head();
    const pushes = gitops.repo.pushes();
    const ctx = actionContext(
      { repoURL: gitops.repo.repoURL, ...orders, name: 'billing', environments: [{ name: 'dev', cluster: 'embedded' }], project: 'default' },
      { isDryRun: true },
    );
    gitops.track(ctx);
    await action.handler(ctx as any);
    const out = ctx.outputs();

    expect(out.commitSha).toBe('');
    expect(out.changes.map((c: { path: string }) => c.path)).toEqual([
      'applicationsets/billing.yaml',
      'apps/billing/base/deployment.yaml',
      'apps/billing/base/kustomization.yaml',
      'apps/billing/base/service.yaml',
      'apps/billing/overlays/dev/kustomization.yaml',
    ]);
    for (const change of out.changes as Array<{ path: string; action: string; diff: string }>) {
      expect(change.action).toBe('create');
      // a new file: from /dev/null, every line added
      expect(change.diff).toMatch(new RegExp(`^--- /dev/null\n\\+\\+\\+ b/${change.path}\n@@ -0,0 \\+1,\\d+ @@\n`));
      expect(change.diff.split('\n').slice(3).filter(l => l !== '').every(l => l.startsWith('+'))).toBe(true);
      expect(ctx.logs()).toContainEqual(expect.stringContaining(change.diff));
    }
    const setDiff = out.changes[0].diff as string;
    expect(setDiff).toContain('\n+kind: ApplicationSet\n+metadata:\n+  name: billing\n');
    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
    expect(addLocation).not.toHaveBeenCalled();
  });

  it('writes into a repository served from a local folder and registers the file there', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-local-gitops-'));
    try {
      await fs.cp(path.join(findRepoRoot(), 'examples/gitops'), folder, { recursive: true });
      const url = 'https://git.example.com/slipway/demo-gitops.git';
      const catalog = catalogServiceMock();
      const addLocation = jest.spyOn(catalog, 'addLocation').mockResolvedValue({ location: { id: '1', type: 'url', target: '', entityRef: 'location:default/generated' }, entities: [] });
      const config = new ConfigReader({
        slipway: { clusters: [{ name: 'embedded', url: 'embedded' }], repositories: [{ url, localPath: folder }] },
      });
      const ctx = actionContext({ repoURL: url, ...orders, project: 'default' });
      gitops.track(ctx);
      await createOnboardApplicationAction({ config, catalog }).handler(ctx as any);
      const target = path.join(folder, 'applicationsets/orders.yaml');
      expect(ctx.outputs()).toMatchObject({ commitSha: '', catalogInfoUrl: target, branch: 'main' });
      expect(parse(await fs.readFile(target, 'utf8')).metadata.name).toBe('orders');
      expect(await fs.readdir(path.join(folder, 'apps/orders/overlays'))).toEqual(['dev', 'prod']);
      expect(addLocation).toHaveBeenCalledWith({ type: 'file', target }, expect.anything());
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
