import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** One live process of a tree, with its memory. */
export interface TreeProcess {
  pid: number;
  ppid: number;
  /**
   * The kernel's short name (`node`, `chrome_crashpad`...); for Chromium, `chromium <role>`:
   * `browser`, `zygote`, `renderer`, `gpu-process`, `utility:network.NetworkService`...
   */
  name: string;
  rssBytes: number;
}

function readStat(pid: number): { ppid: number; name: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces or parentheses itself: split at the last ')'.
    const close = stat.lastIndexOf(')');
    const [state = '?', ppid = '0'] = stat.slice(close + 2).split(' ', 2);
    return { ppid: Number(ppid), name: stat.slice(stat.indexOf('(') + 1, close), state };
  } catch {
    return undefined;
  }
}

/**
 * A Chromium process's role from its command line (`--type=renderer`, a utility's sub-type such
 * as `network.mojom.NetworkService`); no `--type` is the browser process itself.
 */
function chromiumRole(pid: number): string {
  const now = performance.now();
  const known = roles.get(pid);
  if (known !== undefined && (FINAL_ROLES.test(known.role) || now - known.readAt < PROVISIONAL_ROLE_MS)) {
    return known.role;
  }
  const role = readChromiumRole(pid);
  roles.set(pid, { role, readAt: now });
  return role;
}

// Reading a command line takes the target's memory-map lock, which a Chromium process busy
// faulting in pages holds for long stretches: a role once known is not read again. But a child
// shows its parent's command line between fork and exec (or its own title rewrite), so `browser`
// and `zygote` are only provisional and read again after a second.
const roles = new Map<number, { role: string; readAt: number }>();
const FINAL_ROLES = /^(renderer|gpu-process|utility)/;
const PROVISIONAL_ROLE_MS = 1000;

function readChromiumRole(pid: number): string {
  try {
    // Chromium rewrites its command line as one space-separated title, so match, do not split.
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const type = /(?:^|\s)--type=(\S+)/.exec(commandLine)?.[1];
    if (type === undefined) return 'browser';
    const subType = /(?:^|\s)--utility-sub-type=(\S+)/.exec(commandLine)?.[1];
    return subType === undefined ? type : `${type}:${subType.replace(/\.mojom\./, '.')}`;
  } catch {
    return 'unknown';
  }
}

/** A `Name:   1234 kB` field of a /proc status-like file, in bytes; 0 when absent or unreadable. */
function kilobytesField(path: string, field: string): number {
  try {
    const text = readFileSync(path, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * A process's proportional set size (its private pages, plus each shared page divided by the
 * processes sharing it), from `smaps_rollup`; 0 once the process is gone. Asynchronous because
 * the kernel walks the whole address space for it: tens of milliseconds for a Chromium process,
 * hundreds on a busy machine, which must not hold up the cheap RSS samples.
 */
export async function readPssBytes(pid: number): Promise<number> {
  try {
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+) kB/m.exec(text);
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Processes left out of every tree: tsx's esbuild service, which exists only because the
 * benchmarks run TypeScript through tsx; a host runs the compiled package without it.
 */
export const TOOLING_PROCESS_NAMES: readonly string[] = ['esbuild'];

/**
 * The live processes descending from `rootPid` (the root included, named `node`), without
 * `excludePids`, {@link TOOLING_PROCESS_NAMES} and their descendants, read from /proc. Zombies
 * hold no memory and are left out. RSS comes from `VmRSS` (see {@link readPssBytes} for PSS).
 */
export function readProcessTree(
  rootPid: number,
  { excludePids = [] }: { excludePids?: readonly number[] } = {},
): TreeProcess[] {
  const children = new Map<number, { pid: number; name: string; state: string }[]>();
  let root: { pid: number; name: string; state: string } | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(pid);
    if (stat === undefined) continue;
    // Node names its main thread `MainThread`, which is what /proc shows as the process name.
    if (pid === rootPid) root = { pid, name: 'node', state: stat.state };
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push({ pid, name: stat.name, state: stat.state });
    children.set(stat.ppid, siblings);
  }
  if (root === undefined) return [];
  const excluded = new Set(excludePids);
  const found: TreeProcess[] = [];
  const queue = [{ ...root, ppid: 0 }];
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (excluded.has(entry.pid) || TOOLING_PROCESS_NAMES.includes(entry.name)) continue;
    for (const child of children.get(entry.pid) ?? []) queue.push({ ...child, ppid: entry.pid });
    if (entry.state === 'Z') continue;
    const rssBytes = kilobytesField(`/proc/${entry.pid}/status`, 'VmRSS');
    const name = entry.name === 'chromium' ? `chromium ${chromiumRole(entry.pid)}` : entry.name;
    found.push({ pid: entry.pid, ppid: entry.ppid, name, rssBytes });
  }
  return found;
}
