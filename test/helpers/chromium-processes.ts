import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** One live Chromium process. */
export interface ChromiumProcess {
  pid: number;
  ppid: number;
  /** The kernel's short name, e.g. `chromium`, `chrome`, `chrome_crashpad`. */
  name: string;
}

interface ProcessEntry extends ChromiumProcess {
  /** `R`, `S`, `Z`...: the state letter from /proc/PID/stat. */
  state: string;
  commandLine: string;
}

function readProcess(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name sits in parentheses and may itself contain spaces or parentheses: split at the last ')'.
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const [state = '?', ppid = '0'] = stat
      .slice(close + 2)
      .split(' ')
      .slice(0, 2);
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { pid, ppid: Number(ppid), name, state, commandLine };
  } catch {
    // The process exited while we looked.
    return undefined;
  }
}

function isChromium(entry: ProcessEntry): boolean {
  return /chrom/i.test(entry.name) || /\/(chromium|chrome)(\s|$)/.test(entry.commandLine);
}

/**
 * Lists the live (non-zombie) Chromium processes descending from `rootPid` (default: this
 * process), so Chromiums that other test runs on the machine start are not counted. Chromium's
 * crashpad handler detaches to init and exits by itself when its browser goes, so it is not seen here.
 */
export function listChromiumProcesses(rootPid: number = process.pid): ChromiumProcess[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProcess(Number(name));
    if (entry) entries.push(entry);
  }
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of entries) {
    const siblings = children.get(entry.ppid) ?? [];
    siblings.push(entry);
    children.set(entry.ppid, siblings);
  }
  const found: ChromiumProcess[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    queue.push(...(children.get(entry.pid) ?? []));
    // Zombies have exited already and only wait to be reaped.
    if (entry.state !== 'Z' && isChromium(entry))
      found.push({ pid: entry.pid, ppid: entry.ppid, name: entry.name });
  }
  return found;
}

/**
 * Waits up to `timeoutMs` for every Chromium descending from this process to exit, and returns
 * those still alive (empty when all are gone). Processes take a moment to exit after
 * `browser.close()` resolves.
 */
export async function waitForNoChromiumProcesses(timeoutMs = 5000): Promise<ChromiumProcess[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = listChromiumProcesses();
    if (alive.length === 0 || performance.now() >= deadline) return alive;
    await sleep(50);
  }
}
