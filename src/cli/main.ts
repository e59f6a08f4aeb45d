#!/usr/bin/env node
// The `scribe` command: wires the process (argv, streams, environment, signals) to `runCli`.
// Only the Node floor is imported up front: the rest is loaded after the check, so an older
// Node gets one plain line instead of an import that fails on a missing built-in.
import { isSupportedNode, NODE_FLOOR } from '../core/node-floor.js';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(
    `scribe: needs Node.js >= ${NODE_FLOOR}, and this is ${process.version}. Install a newer Node (https://nodejs.org/en/download), or from a checkout run \`npm run -s scribe -- <command>\`, which brings Node 24 itself.\n`,
  );
  process.exit(2);
}

// node:sqlite is stable on Node 24 but 'experimental' on Node 22, which then prints a warning on
// first use: noise in the CLI's stderr that a user cannot act on. Only that one warning is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const [options] = rest;
  const type = typeof options === 'string' ? options : (options as { type?: string } | undefined)?.type;
  const message = typeof warning === 'string' ? warning : warning.message;
  if (type === 'ExperimentalWarning' && message.startsWith('SQLite is an experimental feature')) return;
  return (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const { text } = await import('node:stream/consumers');
const { secretsFromEnv } = await import('./output/redact.js');
const { runCli } = await import('./run-cli.js');
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
