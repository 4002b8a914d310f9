import type { LaunchedChromium } from '@slipway/test-utils';

type Page = LaunchedChromium['page'];
type Locator = ReturnType<Page['locator']>;

/** A table as the user reads it: one record per row, keyed by column title. */
export type TableRows = Array<Record<string, string>>;

/**
 * Polls `probe` until it returns a value other than `undefined`, and throws
 * with `what` and the last thing seen when it does not within `timeoutMs`.
 * The portal runs on a busy machine: waits are generous and never timed.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; seen?: () => Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = options.seen ? await options.seen().catch(e => `(could not read: ${e})`) : '';
      throw new Error(
        `Timed out waiting until ${what}.${seen ? `\nLast seen:\n${seen}` : ''}${
          lastError ? `\nLast error: ${lastError}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 1_000));
  }
}

/** Opens a portal page in a fresh browser profile, which first shows the sign-in page: enters as the guest. */
export async function openAsGuest(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 120_000 });
}

/**
 * The card (Backstage InfoCard) with this title. Class names are matched by
 * prefix: a production build of the app appends a counter to them.
 */
export function card(page: Page, title: string): Locator {
  return page.locator('[class*="MuiCard-root"]').filter({
    has: page.locator('[class*="MuiCardHeader-title"]', { hasText: new RegExp(`^${title}$`) }),
  });
}

/** Reads the first table inside `scope` into records keyed by column title. */
export async function readTable(scope: Locator): Promise<TableRows> {
  return scope.locator('table').first().evaluate(table => {
    // innerText, as shown (line breaks become spaces); titles as written, not as CSS capitalises them
    const text = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
    const titles = Array.from(table.querySelectorAll('thead th')).map(th => (th.textContent ?? '').trim());
    return Array.from(table.querySelectorAll('tbody tr')).map(tr => {
      const row: Record<string, string> = {};
      Array.from(tr.querySelectorAll('td')).forEach((td, i) => {
        row[titles[i] || `column ${i + 1}`] = text(td);
      });
      return row;
    });
  });
}

/** Rows as lines of text, for failure messages. */
export function describeRows(rows: TableRows): string {
  return rows.map(row => Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(' | ')).join('\n');
}
