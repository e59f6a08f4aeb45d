// Runs an example as a user would (`node --import tsx examples/<file>.ts`) and finds the processes
// it leaves behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root: examples resolve `scribe-pipeline` through its tsconfig paths. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the example's process said and how it ended. */
export interface ExampleExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running example. */
export interface ExampleProcess {
  readonly child: ChildProcess;
  /**
   * Set in the example's environment, so every process it starts (Chromium inherits the
   * environment) can be found later, also after it was orphaned and reparented away from us.
   */
  readonly marker: string;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Resolves with the first stdout match of `pattern`; rejects when the process ends first. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  readonly exited: Promise<ExampleExit>;
}

const MARKER_VARIABLE = 'SCRIBE_EXAMPLE_TEST_MARKER';

// Examples still running, so a test that failed or timed out cannot leave one (and its Chromium) behind.
const running = new Set<ExampleProcess>();

/** Kills every example this test file started that is still running, and waits for each to end. */
export async function stopAllExamples(): Promise<void> {
  await Promise.all(
    [...running].map((example) => {
      example.child.kill('SIGKILL');
      return example.exited;
    }),
  );
}

/**
 * Starts `node --import tsx <file>` in the repository root with `env` added to this process's
 * environment; a variable set to `undefined` is removed (e.g. `OPENAI_API_KEY`).
 */
export function startExample(
  file: string,
  { env = {}, args = [] }: { env?: Record<string, string | undefined>; args?: readonly string[] } = {},
): ExampleProcess {
  const marker = randomUUID();
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...env, [MARKER_VARIABLE]: marker })) {
    if (value !== undefined) childEnv[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: REPOSITORY_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let ended = false;
  const exited = new Promise<ExampleExit>((resolve) => {
    // 'close' comes after the streams have ended, so no output is lost.
    child.once('close', (code, signal) => {
      ended = true;
      resolve({ code, signal, stdout, stderr });
      for (const listener of listeners) listener();
    });
  });
  const example: ExampleProcess = {
    child,
    marker,
    stdout: () => stdout,
    exited,
    waitForOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            listeners.delete(check);
            resolve(match);
          } else if (ended) {
            listeners.delete(check);
            reject(new Error(`${file} ended before printing ${pattern}:\n${stdout}\n${stderr}`));
          }
        };
        listeners.add(check);
        check();
      }),
  };
  running.add(example);
  void exited.then(() => running.delete(example));
  return example;
}

/** A live process started (directly or not) by the example with this marker. */
export interface MarkedProcess {
  pid: number;
  name: string;
}

interface ProcessEntry extends MarkedProcess {
  ppid: number;
  marked: boolean;
}

function readProcess(pid: number, needle: string): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone while we looked
  }
  const close = stat.lastIndexOf(')');
  const [state = '?', ppid = '0'] = stat
    .slice(close + 2)
    .split(' ')
    .slice(0, 2);
  // Zombies have exited already and only wait to be reaped.
  if (state === 'Z') return undefined;
  let marked = false;
  try {
    marked = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(needle);
  } catch {
    // Chromium makes its helper processes unreadable; they are found as descendants instead.
  }
  return { pid, ppid: Number(ppid), name: stat.slice(stat.indexOf('(') + 1, close), marked };
}

/**
 * Every live process on the machine whose environment carries the marker, and their descendants
 * (Chromium's renderers hide their environment).
 */
export function listMarkedProcesses(marker: string): MarkedProcess[] {
  const needle = `${MARKER_VARIABLE}=${marker}`;
  const entries = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readProcess(Number(name), needle) ?? []);
  const found = new Map<number, ProcessEntry>();
  const queue = entries.filter((entry) => entry.marked && entry.pid !== process.pid);
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (found.has(entry.pid)) continue;
    found.set(entry.pid, entry);
    const parent = entry.pid;
    queue.push(...entries.filter((child) => child.ppid === parent));
  }
  return [...found.values()].map(({ pid, name }) => ({ pid, name }));
}

/**
 * Waits up to `timeoutMs` for every process carrying the marker to end and returns those still
 * alive. Processes take a moment to exit after their browser is closed; a leaked one never does.
 */
export async function waitForNoMarkedProcesses(marker: string, timeoutMs = 5000): Promise<MarkedProcess[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = listMarkedProcesses(marker);
    if (alive.length === 0 || performance.now() >= deadline) return alive;
    await sleep(50);
  }
}
