/*
 * Starts a throwaway PostgreSQL server for a test run and keeps it running
 * until this process gets SIGTERM/SIGINT/SIGHUP or its stdin closes.
 *
 * Prints exactly one JSON line on stdout, either
 *   {"connectionString":"postgresql://postgres@127.0.0.1:PORT","version":"..."}
 * or
 *   {"unavailable":"reason"}
 * (in which case it exits at once with code 0). Diagnostics go to stderr.
 *
 * Run it with Backstage's Node transform, e.g.
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/test-utils/src/postgres/cli.ts
 */
import { startThrowawayPostgres } from './ThrowawayPostgres';

async function main(): Promise<void> {
  const result = await startThrowawayPostgres();
  if ('unavailable' in result) {
    process.stdout.write(`${JSON.stringify({ unavailable: result.unavailable })}\n`);
    return;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    if (!stopping) {
      stopping = result.stop().then(
        () => process.exit(0),
        error => {
          process.stderr.write(`Stopping PostgreSQL failed: ${error}\n`);
          process.exit(1);
        },
      );
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();

  process.stdout.write(
    `${JSON.stringify({ connectionString: result.connectionString, version: result.version })}\n`,
  );
}

main().catch(error => {
  process.stdout.write(`${JSON.stringify({ unavailable: `launcher failed: ${error}` })}\n`);
  process.exitCode = 1;
});
