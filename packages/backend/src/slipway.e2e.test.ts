/*
 * End to end: the payments service of the demo, deployed by Slipway to the
 * embedded cluster, as a service owner sees it in headless Chromium. The
 * demo's GitOps repository is a throwaway copy the test commits to, as a
 * team pushes to its GitOps repository; a signed GitHub push webhook tells
 * the portal. Screenshots of each state go to the test output folder
 * (test-results/screenshots, see launchChromium) and the README's feature
 * tour describes them.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import {
  findRepoRoot,
  launchChromium,
  startDemoPortal,
  type DemoPortal,
  type LaunchedChromium,
} from '@slipway/test-utils';
import { DEMO_GITOPS_URL, GitOpsWorkingCopy } from './__testUtils__/GitOpsWorkingCopy';
import { sendGitHubPush } from './__testUtils__/githubPushWebhook';
import { card, describeRows, openAsGuest, readTable, waitUntil, type TableRows } from './__testUtils__/portalPage';

jest.setTimeout(600_000);

const root = findRepoRoot();
const PROD_OVERLAY = 'apps/payments/overlays/prod/kustomization.yaml';
const PAYMENTS_APPSET = 'applicationsets/payments.yaml';
const IMAGE = 'ghcr.io/slipway-demo/payments';
const SERVICE_PAGE = '/catalog/default/component/payments';
/** Tall enough for the status, versions and history cards in one screenshot. */
const VIEWPORT = { width: 1280, height: 1900 };

/**
 * The demo portal on the GitOps repository `gitops`, with intervals short
 * enough to converge within a test: the catalog reprocesses its files every
 * few seconds, Slipway reads the catalog's Applications every 2 s and
 * compares each application with Git and the cluster every 20 s (pushes
 * refresh at once through the webhook).
 */
function demoConfig(gitops: GitOpsWorkingCopy, webhookSecret?: string) {
  return {
    catalog: {
      processingInterval: { seconds: 3 },
      // The catalog of the test's GitOps repository instead of the demo's own
      // (lists replace lists in configuration, so the others are repeated).
      locations: [
        { type: 'file', target: path.join(root, 'catalog-info.yaml') },
        { type: 'file', target: path.join(gitops.dir, 'catalog-info.yaml') },
        { type: 'file', target: path.join(root, 'examples/org.yaml'), rules: [{ allow: ['User', 'Group'] }] },
      ],
    },
    slipway: {
      repositories: [{ url: DEMO_GITOPS_URL, localPath: gitops.dir }],
      ...(webhookSecret && { webhooks: { github: { secret: webhookSecret } } }),
      reconcile: { refreshInterval: '20s' },
      inventory: { refreshInterval: '2s' },
      operations: { pollInterval: '1s' },
    },
  };
}

/** Sets the image tag of the payments overlay of one environment. */
function setTag(text: string, tag: string): string {
  return text.replace(/newTag: .*/, `newTag: ${tag}`);
}

describe('Slipway on the demo service page', () => {
  const secret = crypto.randomBytes(16).toString('hex');
  let gitops: GitOpsWorkingCopy;
  let demoAsShipped: GitOpsWorkingCopy | undefined;
  let portal: DemoPortal | undefined;
  let browser: LaunchedChromium;
  /** Commits by what they deployed to prod. */
  const commits: Record<string, string> = {};

  let failedStep: string | undefined;

  /**
   * Runs a step of the story; on failure saves a screenshot and attaches the
   * backend's output. The steps build on each other, so after a failure the
   * next ones fail at once instead of waiting for what cannot come.
   */
  const step = (name: string, body: () => Promise<void>, options: { independent?: boolean } = {}) => async () => {
    if (failedStep && !options.independent) throw new Error(`not run: step ${failedStep} failed`);
    try {
      await body();
    } catch (error) {
      failedStep = name;
      await browser?.screenshot(`slipway-${name}-failure`).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n--- backend output ---\n${portal?.logs() ?? '(no portal)'}`);
    }
  };

  const push = async (message: string) => {
    const sha = gitops.commit(message);
    const answer = await sendGitHubPush({ baseUrl: portal!.baseUrl, secret, repoURL: DEMO_GITOPS_URL, branch: 'main', after: sha });
    expect(answer.refreshed).toContain('application:default/payments-prod');
    return sha;
  };

  const page = () => browser.page;
  const statusRows = () => readTable(card(page(), 'Deployments'));
  const versionRows = () => readTable(card(page(), 'Versions by environment'));
  const historyRows = () => readTable(card(page(), 'Deployment history'));
  const rowOf = (rows: TableRows, environment: string) =>
    rows.find(row => (row.Environment ?? '').startsWith(`${environment} `));
  const seen = (read: () => Promise<TableRows>) => async () => describeRows(await read());

  /**
   * Opens the payments page as the guest once the catalog has related the
   * Component to its Applications: the entity page picks its Slipway cards
   * from the entity it loaded, so a page opened before the catalog has
   * processed the ApplicationSet is opened again (signing in again when the
   * portal asks).
   */
  const openServicePage = async () => {
    await openAsGuest(page(), `${portal!.baseUrl}${SERVICE_PAGE}`);
    const deployments = card(page(), 'Deployments').first();
    const enter = page().getByRole('button', { name: 'Enter' });
    const appears = (locator: ReturnType<typeof card>, timeout: number) => locator.waitFor({ timeout }).then(() => true, () => false);
    await waitUntil(
      'the payments page shows the Deployments card (the catalog relates payments to its Applications)',
      async () => {
        if (await appears(deployments, 15_000)) return true;
        await page().reload();
        if (await appears(enter, 5_000)) await enter.click();
        return undefined;
      },
      { timeoutMs: 300_000 },
    );
  };

  /** Waits until the status card shows `environment` with all of `words`. */
  const waitForStatus = (environment: string, words: string[], timeoutMs?: number) =>
    waitUntil(
      `the Deployments card shows ${environment} with ${words.join(', ')}`,
      async () => {
        const row = rowOf(await statusRows(), environment);
        const text = row ? Object.values(row).join(' | ') : '';
        return row && words.every(word => text.includes(word)) ? row : undefined;
      },
      { timeoutMs, seen: seen(statusRows) },
    );

  /** Waits until the versions table shows `tag` for the payments image in `environment`. */
  const waitForVersion = (environment: string, tag: string) =>
    waitUntil(
      `the versions table shows ${IMAGE}:${tag} in ${environment}`,
      async () => {
        const row = (await versionRows()).find(r => (r['Image or chart'] ?? '').startsWith(IMAGE));
        return row?.[environment] === tag ? row : undefined;
      },
      { seen: seen(versionRows) },
    );

  beforeAll(async () => {
    gitops = GitOpsWorkingCopy.create(path.join(root, 'examples/gitops'));
    // Kubernetes waits 10 minutes before it calls a stuck rollout failed; prod here, 20 seconds.
    gitops.edit(
      PROD_OVERLAY,
      text =>
        `${text.trimEnd()}\n  - target:\n      kind: Deployment\n      name: payments\n    patch: |-\n      - op: add\n        path: /spec/progressDeadlineSeconds\n        value: 20\n`,
    );
    commits['1.4.0'] = gitops.commit('prod: a rollout without progress for 20 seconds fails');
    portal = await startDemoPortal({
      config: demoConfig(gitops, secret),
    });
    browser = await launchChromium({ viewport: VIEWPORT });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    gitops?.remove();
    demoAsShipped?.remove();
  });

  it(
    'shows dev, staging and prod Synced and Healthy with their image tags',
    step('1-environments', async () => {
      await openServicePage();
      for (const environment of ['dev', 'staging', 'prod']) {
        await waitForStatus(environment, ['Synced', 'Healthy', `payments-${environment}`]);
      }
      const versions = await waitForVersion('prod', '1.4.0');
      expect(versions).toMatchObject({ dev: '1.5.0-rc.1', staging: '1.4.0', prod: '1.4.0' });
      expect((await statusRows()).map(row => row.Environment.split(' ')[0])).toEqual(['dev', 'staging', 'prod']);
      // the owner may sync: the button the read-only user must not see
      await page().getByRole('button', { name: 'Sync prod' }).waitFor({ timeout: 60_000 });
      await browser.screenshot('slipway-1-environments');
    }),
  );

  it(
    'shows the new prod image tag after a push changed it and auto-sync deployed it',
    step('2-new-tag', async () => {
      gitops.edit(PROD_OVERLAY, text => setTag(text, '1.4.1'));
      commits['1.4.1'] = await push('payments 1.4.1 to prod');
      const versions = await waitForVersion('prod', '1.4.1');
      await waitForStatus('prod', ['Synced', 'Healthy', commits['1.4.1'].slice(0, 7)]);
      // the other environments did not move
      expect(versions).toMatchObject({ dev: '1.5.0-rc.1', staging: '1.4.0' });
      await browser.screenshot('slipway-2-new-tag');
    }),
  );

  it(
    'shows prod Degraded after a broken image, with the reason in the resource graph',
    step('3-degraded', async () => {
      gitops.edit(PROD_OVERLAY, text => setTag(text, 'pullfail'));
      commits.pullfail = await push('payments pullfail to prod');
      await waitForStatus('prod', ['Degraded', 'exceeded its progress deadline']);
      await browser.screenshot('slipway-3-degraded-status');

      await page().getByRole('tab', { name: 'Slipway', exact: true }).click();
      await page().getByRole('tab', { name: 'prod', exact: true }).click();
      const brokenPod = page().locator('[aria-label^="Pod payments-"][aria-label*="health Degraded"]').first();
      await brokenPod.waitFor({ timeout: 120_000 });
      const reason = await brokenPod.locator('title').textContent();
      expect(reason).toContain(`Back-off pulling image "${IMAGE}:pullfail"`);
      await page().locator('[aria-label="Deployment payments: health Degraded, Synced"]').waitFor({ timeout: 60_000 });
      await browser.screenshot('slipway-3-degraded-graph');

      // the pod's live manifest says why it does not start
      await brokenPod.click();
      const drawer = page().getByRole('region', { name: /^Pod payments-/ });
      await drawer.getByText('ImagePullBackOff').first().waitFor({ timeout: 60_000 });
      await browser.screenshot('slipway-3-degraded-pod');
      await drawer.getByRole('button', { name: 'Close' }).click();
    }),
  );

  it(
    'rolls prod back from the history card once auto-sync is off, and prod is Healthy again',
    step('4-rollback', async () => {
      // As in Argo CD, auto-sync would undo a rollback: the team turns it off for prod in Git.
      gitops.edit(
        PAYMENTS_APPSET,
        text =>
          `${text.trimEnd()}\n  templatePatch: |\n    {{- if eq .env "prod" }}\n    spec:\n      syncPolicy:\n        automated: null\n    {{- end }}\n`,
      );
      gitops.commit('prod: manual sync while we roll back');
      await page().getByRole('tab', { name: 'Overview', exact: true }).click();
      await waitForStatus('prod', ['manual sync'], 240_000);

      const shortSha = commits['1.4.1'].slice(0, 7);
      const target = await waitUntil(
        `the history card offers a rollback of prod to ${shortSha}`,
        async () => {
          const rows = card(page(), 'Deployment history').locator('tbody tr');
          const row = rows.filter({ hasText: shortSha }).filter({ hasText: 'prod' }).first();
          const button = row.getByRole('button', { name: /^Roll back prod to deployment \d+$/ });
          return (await button.isEnabled().catch(() => false)) ? button : undefined;
        },
        { seen: seen(historyRows) },
      );
      await target.click();
      const dialog = page().getByRole('dialog');
      await dialog.getByText('Roll back payments-prod (prod)?').waitFor({ timeout: 60_000 });
      await dialog.getByText(shortSha).waitFor({ timeout: 60_000 });
      await browser.screenshot('slipway-4-rollback-confirm');
      await dialog.getByRole('button', { name: 'Roll back' }).click();

      // Git still asks for the broken image: prod runs the rolled-back version, out of sync with Git
      await waitForStatus('prod', ['Healthy', 'OutOfSync', 'rollback'], 240_000);
      const versions = await waitForVersion('prod', '1.4.1');
      expect(versions).toMatchObject({ dev: '1.5.0-rc.1', staging: '1.4.0' });
      await browser.screenshot('slipway-4-rolled-back');
    }),
  );

  it(
    'shows no Sync button to a user without the sync permission',
    step('5-read-only', async () => {
      await portal?.stop();
      portal = undefined;
      // the demo as it ships, in a repository of its own, behind the read-only policy
      demoAsShipped = GitOpsWorkingCopy.create(path.join(root, 'examples/gitops'));
      portal = await startDemoPortal({
        config: {
          ...demoConfig(demoAsShipped),
          demo: { permissionPolicy: 'read-only' },
        },
      });
      await browser.close();
      browser = await launchChromium({ viewport: VIEWPORT });
      // The frontend asks the permission backend before it shows Sync; the answers prove it asked.
      const denied = new Set<string>();
      page().on('response', async response => {
        if (!response.url().includes('/api/permission/authorize')) return;
        const asked: Array<{ id: string; permission: { name: string } }> = response.request().postDataJSON()?.items ?? [];
        const answers: Array<{ id: string; result: string }> = (await response.json().catch(() => undefined))?.items ?? [];
        for (const answer of answers) {
          const name = asked.find(item => item.id === answer.id)?.permission.name;
          if (answer.result === 'DENY' && name) denied.add(name);
        }
      });
      await openServicePage();
      for (const environment of ['dev', 'staging', 'prod']) {
        await waitForStatus(environment, ['Synced', 'Healthy']);
      }
      // Refresh needs no permission; Sync and Rollback are decided by the backend's policy.
      await page().getByRole('button', { name: 'Refresh prod' }).waitFor({ timeout: 60_000 });
      await waitUntil('the history card lists the deployments', async () => ((await historyRows()).length >= 3 ? true : undefined), {
        seen: seen(historyRows),
      });
      await waitUntil('the permission backend denied the sync and rollback permissions', async () =>
        denied.has('slipway.application.sync') && denied.has('slipway.application.rollback') ? true : undefined,
      );
      expect(await page().getByRole('button', { name: /^Sync / }).count()).toBe(0);
      expect(await page().getByRole('button', { name: /^Roll back / }).count()).toBe(0);
      await browser.screenshot('slipway-5-read-only');
    }, { independent: true }),
  );
});
