import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createEnvironmentAction } from './createEnvironmentAction';
import { actionConfig, actionContext, useGitopsRepository } from '../__testUtils__/gitopsRepository';

/**
 * slipway:environment:create for an ApplicationSet with a git files
 * generator (Argo CD: every JSON/YAML file matching the glob is one
 * parameter set, its keys the parameters). A new environment is a new file
 * the glob matches, holding the parameters the template uses.
 */
describe('slipway:environment:create with a git files generator', () => {
  const ordersApplicationSet = (repoURL: string) => `# orders: one config file per environment, envs/<env>/config.json.
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: orders
spec:
  goTemplate: true
  goTemplateOptions: ["missingkey=error"]
  generators:
    - git:
        repoURL: ${repoURL}
        revision: HEAD
        files:
          - path: envs/*/config.json
  template:
    metadata:
      name: 'orders-{{.path.basename}}'
      labels:
        slipway.io/environment: '{{.path.basename}}'
    spec:
      project: default
      source:
        repoURL: ${repoURL}
        targetRevision: HEAD
        path: apps/orders
        kustomize:
          images:
            - 'ghcr.io/acme/orders:{{.imageTag}}'
      destination:
        name: '{{.cluster.name}}'
        namespace: '{{.namespace}}'
`;
  const devConfig = `{
  "cluster": {
    "name": "embedded"
  },
  "namespace": "orders-dev",
  "imageTag": "1.4.0",
  "owner": "group:default/orders-team"
}
`;
  const prodConfig = devConfig.replace('orders-dev', 'orders-prod').replace('1.4.0', '1.3.2');

  const gitops = useGitopsRepository(async repo => {
    await repo.server.commit('gitops', {
      'applicationsets/orders.yaml': ordersApplicationSet(repo.repoURL),
      'apps/orders/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
      'apps/orders/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n',
      'envs/dev/config.json': devConfig,
      'envs/prod/config.json': prodConfig,
    });
  });

  const run = async (input: Record<string, unknown>) => {
    const ctx = actionContext({ repoURL: gitops.repo.repoURL, filePath: 'applicationsets/orders.yaml', ...input });
    gitops.track(ctx);
    await createEnvironmentAction({ config: actionConfig(gitops.repo.repoURL), catalog: catalogServiceMock() }).handler(
      ctx as any,
    );
    return ctx.outputs();
  };

  it('commits a config file the glob matches, with the copied parameters retargeted', async () => {
    const before = await gitops.repo.head();
    const out = await run({ environment: 'qa', copyFrom: 'dev', cluster: 'edge' });

    expect(out).toMatchObject({ branch: 'main', applicationName: 'orders-qa', applicationNames: ['orders-qa'] });
    expect(await gitops.repo.head()).toBe(out.commitSha);
    expect(await gitops.repo.parentOf(out.commitSha)).toBe(before);
    // The ApplicationSet stays as it is: the glob picks the new file up.
    expect(await gitops.repo.changedFiles(out.commitSha)).toEqual(['A envs/qa/config.json']);
    // Same layout as the copied file; the cluster is the requested one, and the
    // namespace follows the environment instead of sharing dev's.
    expect(await gitops.repo.show(out.commitSha, 'envs/qa/config.json')).toBe(
      `{
  "cluster": {
    "name": "edge"
  },
  "namespace": "orders-qa",
  "imageTag": "1.4.0",
  "owner": "group:default/orders-team"
}`,
    );
    expect(await gitops.repo.show(out.commitSha, 'envs/dev/config.json')).toBe(devConfig.trimEnd());
  });

  it('refuses an environment that has a config file already, and leaves the repository unchanged', async () => {
    const before = await gitops.repo.head();
    const branches = await gitops.repo.branches();
    const pushes = gitops.repo.pushes();
    await expect(run({ environment: 'prod', copyFrom: 'dev' })).rejects.toThrow(
      "ApplicationSet 'orders' already has environment 'prod' (envs/prod/config.json); choose another name",
    );
    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
    expect(await gitops.repo.branches()).toEqual(branches);
  });

  it('refuses a base environment without a config file, naming the files there are', async () => {
    const before = await gitops.repo.head();
    await expect(run({ environment: 'perf', copyFrom: 'staging' })).rejects.toThrow(
      "ApplicationSet 'orders' has no folder or file for environment 'staging' under its git generator " +
        '(found: envs/dev/config.json, envs/prod/config.json',
    );
    expect(await gitops.repo.head()).toBe(before);
  });
});
