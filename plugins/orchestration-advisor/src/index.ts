/**
 * The orchestration-advisor command-line tool.
 *
 * @packageDocumentation
 */

import { runCli } from './cli';

// A closed pipe (e.g. `| head`) is a normal way to stop reading the report.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  now: () => new Date(),
  env: process.env,
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `orchestration-advisor: ${(error as Error)?.stack ?? error}\n`,
    );
    process.exitCode = 2;
  },
);
