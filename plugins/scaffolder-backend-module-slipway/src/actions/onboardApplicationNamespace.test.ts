import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parse } from 'yaml';
import { actionConfig, actionContext, useGitopsRepository } from '../__testUtils__/gitopsRepository';
import { createEnvironmentAction } from './createEnvironmentAction';
import { createOnboardApplicationAction } from './onboardApplicationAction';

/**
 * The catalog namespace slipway:application:onboard registers a service in:
 * the `namespace` input, else the Component's namespace, else `default`.
 * The catalog reads the ApplicationSet file as an entity, so the namespace
 * is the file's metadata.namespace, and the Applications follow it.
 */
describe('slipway:application:onboard catalog namespace', () => {
  const gitops = useGitopsRepository();

  const config = () =>
    new ConfigReader({
      ...actionConfig(gitops.repo.repoURL).get<object>(),
      integrations: { gitea: [{ host: new URL(gitops.repo.repoURL).host }] },
    });
  const onboard = async (input: Record<string, unknown>) => {
    const catalog = catalogServiceMock();
    const addLocation = jest.spyOn(catalog, 'addLocation').mockResolvedValue({
      location: { id: '1', type: 'url', target: '', entityRef: 'location:default/generated' },
      entities: [],
    });
    const ctx = actionContext({
      repoURL: gitops.repo.repoURL,
      image: 'ghcr.io/acme/service:1.0.0',
      environments: [{ name: 'dev', cluster: 'embedded' }],
      ...input,
    });
    gitops.track(ctx);
    await createOnboardApplicationAction({ config: config(), catalog }).handler(ctx as any);
    return { out: ctx.outputs(), addLocation };
  };
  const committedSet = async (sha: string, name: string) => parse(await gitops.repo.show(sha, `applicationsets/${name}.yaml`));

  it('registers the service in the namespace given', async () => {
    const { out, addLocation } = await onboard({ name: 'orders', component: 'component:default/orders', namespace: 'shop' });
    expect(out).toMatchObject({
      entityRef: 'applicationset:shop/orders',
      applicationNames: ['orders-dev'],
      applicationEntityRefs: ['application:shop/orders-dev'],
    });
    expect((await committedSet(out.commitSha, 'orders')).metadata).toMatchObject({ name: 'orders', namespace: 'shop' });
    expect(addLocation).toHaveBeenCalledTimes(1);
  });

  it("registers the service in its Component's namespace when no namespace is given", async () => {
    const { out } = await onboard({ name: 'invoices', component: 'component:billing/invoices' });
    expect(out).toMatchObject({
      entityRef: 'applicationset:billing/invoices',
      applicationEntityRefs: ['application:billing/invoices-dev'],
    });
    expect((await committedSet(out.commitSha, 'invoices')).metadata.namespace).toBe('billing');
  });

  it('registers the service in the default namespace without a namespace or Component', async () => {
    const { out } = await onboard({ name: 'ledger' });
    expect(out).toMatchObject({
      entityRef: 'applicationset:default/ledger',
      applicationEntityRefs: ['application:default/ledger-dev'],
    });
    // as Argo CD users write it: no namespace means the default one
    expect((await committedSet(out.commitSha, 'ledger')).metadata).not.toHaveProperty('namespace');
  });

  it.each([
    [
      { namespace: 'Shop_EU' },
      "catalog namespace 'Shop_EU' is not valid; use lower-case letters, digits and '-', at most 63 characters",
    ],
    [
      { component: 'component:Billing_Team/refunds' },
      "component 'component:Billing_Team/refunds' names namespace 'Billing_Team', which is not a valid catalog namespace; " +
        "fix the Component ref or give 'namespace'",
    ],
  ])('refuses %j, changing nothing', async (input, message) => {
    const before = await gitops.repo.head();
    const pushes = gitops.repo.pushes();
    await expect(onboard({ name: 'refunds', ...input })).rejects.toThrow(message);
    expect(gitops.repo.pushes()).toBe(pushes);
    expect(await gitops.repo.head()).toBe(before);
  });

  it('names the Applications of a later environment in the same namespace', async () => {
    const { out: onboarded } = await onboard({ name: 'shipping', namespace: 'logistics' });
    const ctx = actionContext({
      repoURL: gitops.repo.repoURL,
      filePath: 'applicationsets/shipping.yaml',
      environment: 'qa',
      copyFrom: 'dev',
    });
    gitops.track(ctx);
    await createEnvironmentAction({ config: config(), catalog: catalogServiceMock() }).handler(ctx as any);
    expect(ctx.outputs()).toMatchObject({ applicationEntityRef: 'application:logistics/shipping-qa' });
    expect(await gitops.repo.parentOf(ctx.outputs().commitSha)).toBe(onboarded.commitSha);
    // the copied list element deploys to the new environment's namespace, not dev's
    expect(await gitops.repo.show(ctx.outputs().commitSha, 'applicationsets/shipping.yaml')).toMatch(
      /- env: qa\n +cluster: embedded\n +namespace: shipping-qa/,
    );
  });
});
