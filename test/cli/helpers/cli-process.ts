import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
/** Every process a spawned CLI starts inherits this variable: how leftovers are found after it exits. */
const MARKER_VARIABLE = 'SCRIBE_CLI_TEST_RUN';
// The variables that configure the CLI: a test starts without any of them, then sets its own.
const CONFIGURATION = /^(OPENAI_|SCRIBE_|BRAVE_|TAVILY_|EXA_|SERPER_|SEARXNG_)/;

/** How a CLI process ended and what it printed. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A CLI process, running. */
export interface CliProcess {
  child: ChildProcess;
  /** Set in the environment of the process and all it starts; see {@link processesLeftBy}. */
  marker: string;
  /** Resolves when stderr has printed a line matching `pattern`. */
  waitForStderr(pattern: RegExp): Promise<void>;
  result: Promise<CliResult>;
}

/**
 * Starts `node --import tsx src/cli/main.ts ...args` as a child process, with stdout and stderr
 * piped (so not terminals) and an environment cleared of every variable the CLI reads, plus `env`.
 */
export function startCli(
  args: readonly string[],
  { env = {}, cwd, stdin }: { env?: Record<string, string>; cwd?: string; stdin?: string } = {},
): CliProcess {
  const marker = randomUUID();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !CONFIGURATION.test(name)),
  );
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd,
    env: { ...inherited, ...env, [MARKER_VARIABLE]: marker },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stdin?.end(stdin ?? '');
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    marker,
    result,
    waitForStderr: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        waiters.push({ pattern, resolve });
        result.then(
          () => reject(new Error(`the CLI exited before printing ${pattern}; stderr:\n${stderr}`)),
          reject,
        );
      }),
  };
}

/** Runs the CLI to the end. */
export function runCli(
  args: readonly string[],
  options?: Parameters<typeof startCli>[1],
): Promise<CliResult> {
  return startCli(args, options).result;
}

/**
 * The live processes still carrying a CLI run's marker in their environment: whatever it started
 * (Chromium and its helpers above all) and left behind. Orphans are re-parented to init, so they
 * cannot be found as the CLI's descendants once it has exited; their environment still names it.
 */
export function processesLeftBy(marker: string): { pid: number; name: string }[] {
  const needle = `${MARKER_VARIABLE}=${marker}`;
  const found: { pid: number; name: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // A zombie has exited and only waits to be reaped.
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (!readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle)) continue;
      found.push({ pid: Number(entry), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // Gone while we looked, or not ours to read.
    }
  }
  return found;
}

/**
 * Waits up to `timeoutMs` for every process carrying a CLI run's marker to exit, and returns those
 * still alive. Helpers such as Chromium's crash handler and tsx's esbuild service exit on their own
 * a moment after their parent: only what outlives that is left behind.
 */
export async function waitForProcessesLeftBy(
  marker: string,
  timeoutMs = 5000,
): Promise<{ pid: number; name: string }[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = processesLeftBy(marker);
    if (alive.length === 0 || performance.now() >= deadline) return alive;
    await sleep(50);
  }
}
