#!/usr/bin/env node
// The `scribe` command: wires the process (argv, streams, environment, signals) to `runCli`.
import { text } from 'node:stream/consumers';
import { secretsFromEnv } from './output/redact.js';
import { runCli } from './run-cli.js';

// The library needs Node >= 22.13 (node:sqlite, and undici's use of newer zlib): say so plainly
// rather than fail halfway through a run with a missing built-in.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `scribe: needs Node.js >= 22.13, and this is ${process.version}. Install a newer Node (see .nvmrc), or from a checkout run \`npm run -s scribe -- <command>\`, which brings Node 24 itself.\n`,
  );
  process.exit(2);
}

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // The first Ctrl-C stops the run and lets `finally` close the browser, the database and any
  // server; a second one means "now", at the price of whatever was left open.
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\n[scribe] interrupted: stopping and closing (Ctrl-C again to quit at once)\n');
  interrupt.abort(new Error('interrupted (SIGINT)'));
});

// A reader that stops early (`scribe generate ... | head -1`) closes the pipe: the rest of the
// output has nowhere to go, which is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
  secrets: secretsFromEnv(process.env),
  readStdin: () => text(process.stdin),
});
