/** A stream the CLI writes to: `process.stdout`/`process.stderr`, or a buffer in a test. */
export interface CliStream {
  write(text: string): unknown;
  /** True for a terminal: the live progress display is drawn only then. */
  isTTY?: boolean;
}

/** What a command may touch of the outside world; passed in, so commands run in a test too. */
export interface CliIo {
  /** The result only: the email, the JSON, the summary table. */
  stdout: CliStream;
  /** Progress, notes and errors. */
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Fires on SIGINT: the run stops, resources close, the command exits 130. */
  signal: AbortSignal;
  /** Values never to print (keys from the environment and the command line): scrubbed from errors. */
  secrets: readonly string[];
  /** Reads all of standard input (for `--template -`). */
  readStdin(): Promise<string>;
}
