import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findRepoRoot } from '../portal/repoRoot';

/** Flags for a quiet, headless Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface LaunchChromiumOptions {
  /** Browser program; default `$CHROMIUM_PATH`, else `/usr/bin/chromium`. */
  executablePath?: string;
  /** Default true. */
  headless?: boolean;
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
  /**
   * Where `screenshot()` writes; default `$SLIPWAY_TEST_RESULTS_DIR/screenshots`,
   * else `<repository root>/test-results/screenshots`.
   */
  screenshotDir?: string;
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The first tab of the context. */
  page: Page;
  /** The temporary profile folder (deleted by close()). */
  userDataDir: string;
  /** Saves a full-page PNG of `page` as `<screenshotDir>/<name>.png`; returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

/** The program `launchChromium` would start, given the options and environment. */
export function chromiumExecutablePath(options: Pick<LaunchChromiumOptions, 'executablePath'> = {}): string {
  return options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
}

/**
 * Starts the system's Chromium (Debian's `chromium` package) through
 * playwright-core with a fresh persistent profile in a temporary folder.
 * Playwright's own browser downloads are never used.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<LaunchedChromium> {
  const executablePath = chromiumExecutablePath(options);
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  const userDataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless ?? true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
  } catch (error) {
    await fs.promises.rm(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium at ${executablePath} did not start: ${(error as Error).message}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const screenshotDir = options.screenshotDir ?? defaultScreenshotDir();
  let closed = false;

  return {
    context,
    page,
    userDataDir,
    async screenshot(name: string) {
      const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
      await fs.promises.mkdir(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, safe.endsWith('.png') ? safe : `${safe}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      await context.close().catch(() => undefined);
      await fs.promises.rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function defaultScreenshotDir(): string {
  if (process.env.SLIPWAY_TEST_RESULTS_DIR) {
    return path.join(process.env.SLIPWAY_TEST_RESULTS_DIR, 'screenshots');
  }
  let root: string;
  try {
    root = findRepoRoot(process.cwd());
  } catch {
    root = process.cwd();
  }
  return path.join(root, 'test-results', 'screenshots');
}
