/*
 * With BENCH_PROFILE_DIR set, `profiled` records a CPU profile of just the
 * measured part of a scenario (setup excluded) into
 * `<dir>/<name>.cpuprofile`, for Chrome DevTools or speedscope. Without
 * it, `profiled` only runs the work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`[bench] CPU profile of ${name} written to ${file}\n`);
    session.disconnect();
  }
}
