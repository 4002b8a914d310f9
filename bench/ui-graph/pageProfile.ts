/*
 * With BENCH_PROFILE_DIR set, records a CPU profile of the page (Chromium's
 * main thread, through a CDP session) for each load of ui-graph into
 * `<dir>/ui-graph-load-<n>.cpuprofile`, for Chrome DevTools or speedscope.
 * Without it, the loads run unprofiled. Sampling slows the page a little;
 * compare profiles with profiles, not with the unprofiled figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function profiledLoad<T>(page: Page, load: number, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return work();
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.send('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `ui-graph-load-${load}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`[bench] CPU profile of ui-graph load ${load} written to ${file}\n`);
    await session.detach();
  }
}
