import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '@slipway/test-utils';
import { serviceSkeleton } from '../onboard/skeleton';
import { addEnvironment, EnvironmentTarget } from './addEnvironment';

const REPO = 'https://git.example.com/slipway/demo-gitops.git';

describe('addEnvironment', () => {
  let dir: string;
  const target = (filePath: string): EnvironmentTarget => ({
    dir,
    repoURL: REPO,
    filePath,
    revisions: ['HEAD', 'main'],
    clusters: [
      { name: 'embedded', server: 'embedded' },
      { name: 'edge', server: 'https://edge.example.com' },
    ],
  });
  const read = (rel: string) => fs.readFile(path.join(dir, rel), 'utf8');

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-env-'));
    await fs.cp(path.join(findRepoRoot(), 'examples/gitops'), dir, { recursive: true });
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('adds a list element and an overlay copied from the base with the image tag and replicas', async () => {
    const result = await addEnvironment(target('applicationsets/payments.yaml'), {
      environment: 'qa',
      copyFrom: 'staging',
      overrides: { imageTag: '2.0.0', replicas: 3 },
    });
    expect(result.generator).toBe('list');
    expect(result.applications.map(a => a.metadata.name)).toEqual(['payments-qa']);
    expect(result.applications[0].spec.destination).toEqual({ name: 'embedded', namespace: 'payments-qa' });

    const appset = await read('applicationsets/payments.yaml');
    expect(appset).toContain('# payments: one kustomize base, one overlay per environment.');
    expect(appset).toMatch(/- env: prod\n {12}cluster: embedded\n {10}- env: qa\n {12}cluster: embedded\n/);

    const overlay = await read('apps/payments/overlays/qa/kustomization.yaml');
    const staging = await read('apps/payments/overlays/staging/kustomization.yaml');
    expect(overlay).toContain('newTag: 2.0.0');
    expect(overlay).toContain('count: 3');
    // everything else of the staging overlay, comments included, is copied as is
    const comments = (text: string) => text.split('\n').filter(l => l.trim().startsWith('#'));
    expect(comments(overlay)).toEqual(comments(staging));
    expect(overlay).toContain('- ../../base');
  });

  it('moves the new element to the requested cluster', async () => {
    const result = await addEnvironment(target('applicationsets/payments.yaml'), {
      environment: 'edge',
      copyFrom: 'dev',
      cluster: 'edge',
      overrides: {},
    });
    expect(result.applications[0].spec.destination).toEqual({ name: 'edge', namespace: 'payments-edge' });
    expect(await read('applicationsets/payments.yaml')).toMatch(/- env: edge\n {12}cluster: edge\n/);
  });

  it('moves a namespace that the list elements carry along with the environment', async () => {
    // the list elements slipway:application:onboard writes: env, cluster and namespace
    const files = serviceSkeleton(
      {
        service: 'orders',
        repoURL: REPO,
        image: 'ghcr.io/acme/orders:1.0.0',
        port: 8080,
        project: 'default',
        environments: [{ name: 'dev', cluster: 'embedded' }],
        appPath: 'apps/orders',
      },
      'applicationsets/orders.yaml',
    );
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), content);
    }
    const result = await addEnvironment(target('applicationsets/orders.yaml'), {
      environment: 'qa',
      copyFrom: 'dev',
      overrides: {},
    });
    expect(result.applications[0].spec.destination).toEqual({ name: 'embedded', namespace: 'orders-qa' });
    expect(await read('applicationsets/orders.yaml')).toMatch(/- env: qa\n +cluster: embedded\n +namespace: orders-qa\n/);
  });

  it('gives a Helm application its own values file with the overrides merged', async () => {
    const result = await addEnvironment(target('applicationsets/storefront.yaml'), {
      environment: 'qa',
      copyFrom: 'dev',
      overrides: { imageTag: '3.0.0', helmValues: { ingress: { host: 'qa.shop.example.com' } } },
    });
    expect(result.applications.map(a => a.metadata.name)).toEqual(['storefront-qa']);
    const values = await read('apps/storefront/values/qa.yaml');
    expect(values).toContain('tag: "3.0.0"');
    expect(values).toContain('host: qa.shop.example.com');
    expect(await read('apps/storefront/values/dev.yaml')).not.toContain('3.0.0');
  });

  it('adds a folder for a git directory generator, copied from the base folder', async () => {
    const result = await addEnvironment(target('applicationsets/infrastructure.yaml'), {
      environment: 'cert-manager',
      copyFrom: 'observability',
      overrides: {},
    });
    expect(result.generator).toBe('git-directories');
    expect(result.applications.map(a => a.metadata.name)).toEqual(['infra-cert-manager']);
    expect(await read('infrastructure/cert-manager/configmap.yaml')).toEqual(
      await read('infrastructure/observability/configmap.yaml'),
    );
    expect(await read('applicationsets/infrastructure.yaml')).toEqual(
      await fs.readFile(path.join(findRepoRoot(), 'examples/gitops/applicationsets/infrastructure.yaml'), 'utf8'),
    );
  });

  it('refuses an environment that exists, a base that does not, and an invalid name', async () => {
    await expect(
      addEnvironment(target('applicationsets/payments.yaml'), { environment: 'prod', copyFrom: 'dev', overrides: {} }),
    ).rejects.toThrow("ApplicationSet 'payments' already has environment 'prod'; choose another name");
    await expect(
      addEnvironment(target('applicationsets/payments.yaml'), { environment: 'qa', copyFrom: 'test', overrides: {} }),
    ).rejects.toThrow("has no environment 'test' to copy from (it has: dev, staging, prod)");
    await expect(
      addEnvironment(target('applicationsets/payments.yaml'), { environment: 'QA_1', copyFrom: 'dev', overrides: {} }),
    ).rejects.toThrow("environment name 'QA_1' is not valid");
    await expect(
      addEnvironment(target('applicationsets/infrastructure.yaml'), {
        environment: 'network-policies',
        copyFrom: 'observability',
        overrides: {},
      }),
    ).rejects.toThrow(
      "ApplicationSet 'infrastructure' already has environment 'network-policies' (infrastructure/network-policies); choose another name",
    );
  });

  it('refuses a file outside the repository', async () => {
    await expect(
      addEnvironment(target('../outside.yaml'), { environment: 'qa', copyFrom: 'dev', overrides: {} }),
    ).rejects.toThrow("ApplicationSet file '../outside.yaml' leaves the repository");
  });

  it('refuses a namespace the ApplicationSet does not derive', async () => {
    await expect(
      addEnvironment(target('applicationsets/payments.yaml'), {
        environment: 'qa',
        copyFrom: 'dev',
        namespace: 'elsewhere',
        overrides: {},
      }),
    ).rejects.toThrow(/would deploy to namespace 'payments-qa', not 'elsewhere'/);
  });
});
