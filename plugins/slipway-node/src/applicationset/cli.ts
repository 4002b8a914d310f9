/*
 * Entry point of `npm run appset -- expand FILE [--repo DIR]`; see appsetCommand.ts.
 */
import { runAppsetCommand } from './appsetCommand';

runAppsetCommand(process.argv.slice(2), {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
}).then(
  code => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`appset: ${e.message}\n`);
    process.exitCode = 1;
  },
);
