import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromiumExecutablePath, launchChromium } from './launchChromium';

jest.setTimeout(120_000);

const available = fs.existsSync(chromiumExecutablePath());
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `[slipway] Chromium is not installed at ${chromiumExecutablePath()}: the browser tests are SKIPPED. Install it with apt-get install chromium or set CHROMIUM_PATH.`,
  );
}
const describeWithChromium = available ? describe : describe.skip;

describeWithChromium('launchChromium', () => {
  let server: http.Server;
  let baseUrl: string;
  let screenshotDir: string;

  beforeAll(async () => {
    // The text is written by script, so reading it proves JavaScript ran.
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Harness page</title>
<p id="static">served ${req.url}</p>
<div id="dynamic"></div>
<script>document.getElementById('dynamic').textContent = 'rendered by ' + (navigator.userAgent.includes('Chrome') ? 'chromium' : 'other');</script>`);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    screenshotDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-shots-'));
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    await fs.promises.rm(screenshotDir, { recursive: true, force: true });
  });

  it('opens a local page, runs its script and saves a PNG screenshot', async () => {
    const browser = await launchChromium({ screenshotDir });
    try {
      await browser.page.goto(`${baseUrl}/hello`);
      expect(await browser.page.title()).toBe('Harness page');
      expect(await browser.page.textContent('#static')).toBe('served /hello');
      expect(await browser.page.textContent('#dynamic')).toBe('rendered by chromium');

      const file = await browser.screenshot('harness page/1');
      expect(file).toBe(path.join(screenshotDir, 'harness-page-1.png'));
      const bytes = await fs.promises.readFile(file);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    } finally {
      await browser.close();
    }
  });

  it('deletes its temporary profile on close', async () => {
    const browser = await launchChromium({ screenshotDir });
    expect(path.dirname(browser.userDataDir)).toBe(os.tmpdir());
    expect(fs.existsSync(browser.userDataDir)).toBe(true);

    await browser.close();
    await browser.close(); // idempotent

    expect(fs.existsSync(browser.userDataDir)).toBe(false);
  });
});

describe('launchChromium without a browser', () => {
  it('says how to install Chromium', async () => {
    await expect(launchChromium({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      /Chromium was not found at \/nonexistent\/chromium.*apt-get install chromium.*CHROMIUM_PATH/,
    );
  });
});
