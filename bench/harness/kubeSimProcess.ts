/*
 * kube-sim in a child process, so that the memory and CPU of the backend
 * process under measurement exclude the simulated cluster (a real cluster
 * runs elsewhere). Prints `{"url","token"}` as one line, stops when stdin
 * closes. ADDONS is kube-sim's add-ons as JSON (e.g. {"ingress":true}).
 */
import { startKubeSim } from '@slipway/kube-sim';

async function main() {
  const sim = await startKubeSim({
    podReadyDelayMs: Number(process.env.POD_READY_DELAY_MS ?? 0),
    namespaces: (process.env.NAMESPACES ?? '').split(',').filter(Boolean),
    addons: process.env.ADDONS ? JSON.parse(process.env.ADDONS) : undefined,
    log: message => process.stderr.write(`[kube-sim] ${message}\n`),
  });
  process.stdout.write(`${JSON.stringify({ url: sim.url, token: sim.token })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await sim.stop();
    process.exit(0);
  });
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
