/*
 * The Git smart-HTTP server (GitTestServer) in a child process. Each Git
 * request starts a `git http-backend` process, and starting a process
 * from a large Node.js process costs milliseconds of its CPU; a real Git
 * server runs elsewhere, so the benchmarks keep that cost out of the
 * engine's process. Protocol: one JSON request per line on stdin
 * (`{"id","method","args"}`), one JSON answer per line on stdout
 * (`{"id","result"}` or `{"id","error"}`); the first line out is
 * `{"ready":true}`. Ends when stdin closes.
 */
import readline from 'node:readline';
import { GitTestServer } from '@slipway/test-utils';

async function main() {
  const git = await GitTestServer.start();
  const methods: Record<string, (...args: any[]) => Promise<unknown>> = {
    createRepo: async (name: string, files: Record<string, string>) => {
      const { url } = await git.createRepo(name, files);
      return { url };
    },
    commit: (name: string, files: Record<string, string | null>, options?: { message?: string; branch?: string }) =>
      git.commit(name, files, options),
    headOf: (name: string, branch?: string) => git.headOf(name, branch),
    requestCount: async () => git.requests.length,
  };
  const out = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
  out({ ready: true });
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', line => {
    const { id, method, args } = JSON.parse(line) as { id: number; method: string; args: unknown[] };
    const call = methods[method];
    // JSON sends an omitted argument as null; the methods' defaults expect undefined
    (call ? call(...args.map(arg => arg ?? undefined)) : Promise.reject(new Error(`the bench Git server has no method ${method}`)))
      .then(result => out({ id, result }))
      .catch(error => out({ id, error: (error as Error).message }));
  });
  lines.on('close', async () => {
    await git.stop();
    process.exit(0);
  });
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
