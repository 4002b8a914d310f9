/*
 * End to end: the real demo backend serving the built app, driven by
 * headless Chromium.
 */
import { launchChromium, startDemoPortal } from '@slipway/test-utils';

jest.setTimeout(300_000);

describe('demo portal', () => {
  it('signs the guest in and shows this project\'s own Component in the catalog', async () => {
    const portal = await startDemoPortal();
    const browser = await launchChromium();
    try {
      await browser.page.goto(`${portal.baseUrl}/catalog`);
      // the guest sign-in page, as a first-time visitor sees it
      await browser.page.getByRole('button', { name: 'Enter' }).click({ timeout: 60_000 });
      // the catalog table lists the Component from catalog-info.yaml
      await browser.page
        .getByRole('link', { name: 'slipway', exact: true })
        .waitFor({ timeout: 60_000 });
      expect(await browser.page.title()).toContain('Slipway');
      await browser.screenshot('catalog');
    } catch (error) {
      await browser.screenshot('catalog-failure').catch(() => undefined);
      throw new Error(`${(error as Error).message}\n--- backend output ---\n${portal.logs()}`);
    } finally {
      await browser.close();
      await portal.stop();
    }
  });
});
