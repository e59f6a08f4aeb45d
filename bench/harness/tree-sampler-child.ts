// Run by tree-sampler.ts as a child process: samples the memory of its parent's process tree
// (itself excluded) on a timer of its own, so a busy event loop in the measured process cannot
// delay or skip samples, and the sampler's own heap is not counted.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { readProcessTree, readPssBytes, type TreeProcess } from './process-tree.js';

const rootPid = Number(process.argv[2]);
const intervalMs = Number(process.argv[3] ?? 50);
/**
 * Pause between PSS passes. A pass walks every address space in the tree (~50 ms of kernel time
 * with a few renderers open); back to back, on two cores, that would slow what is measured.
 */
const PSS_PAUSE_MS = 400;

// On two cores saturated by Chromium a sampler at normal priority can wait a long time for a
// turn and miss short peaks. Ahead of the measured processes it keeps its pace (needs root or
// CAP_SYS_NICE; without them it runs as it is, and the reported longest gap says so).
try {
  os.setPriority(-10);
} catch {
  // Not allowed: sample at normal priority.
}

interface Peak {
  bytes: number;
  atMs: number;
  processes: { name: string; count: number; bytes: number }[];
}

function byName(tree: readonly TreeProcess[], bytesOf: (entry: TreeProcess) => number) {
  const groups = new Map<string, { name: string; count: number; bytes: number }>();
  for (const entry of tree) {
    const group = groups.get(entry.name) ?? { name: entry.name, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += bytesOf(entry);
    groups.set(entry.name, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

function emptyWindow() {
  return {
    startedAt: performance.now(),
    samples: 0,
    pssSamples: 0,
    lastSampleMs: 0,
    longestGapMs: 0,
    longestSampleMs: 0,
    maxProcesses: 0,
    peakRss: { bytes: 0, atMs: 0, processes: [] } as Peak,
    peakPss: { bytes: 0, atMs: 0, processes: [] } as Peak,
  };
}

let window = emptyWindow();

/** The cheap sample: VmRSS of every process in the tree, on the timer. */
function sampleRss(): void {
  const clock = performance.now();
  const tree = readProcessTree(rootPid, { excludePids: [process.pid] });
  const now = performance.now() - window.startedAt;
  if (window.samples > 0) window.longestGapMs = Math.max(window.longestGapMs, now - window.lastSampleMs);
  window.lastSampleMs = now;
  window.samples += 1;
  window.maxProcesses = Math.max(window.maxProcesses, tree.length);
  const rss = tree.reduce((sum, entry) => sum + entry.rssBytes, 0);
  if (rss > window.peakRss.bytes) {
    window.peakRss = { bytes: rss, atMs: now, processes: byName(tree, (entry) => entry.rssBytes) };
  }
  window.longestSampleMs = Math.max(window.longestSampleMs, performance.now() - clock);
}

/** The dear sample: PSS of every process, read off the event loop, one pass after another. */
async function samplePssForever(): Promise<never> {
  for (;;) {
    const passWindow = window;
    const tree = readProcessTree(rootPid, { excludePids: [process.pid] });
    const pss = await Promise.all(tree.map((entry) => readPssBytes(entry.pid)));
    // A pass that straddles a window boundary belongs to neither window.
    if (passWindow === window) {
      window.pssSamples += 1;
      const total = pss.reduce((sum, bytes) => sum + bytes, 0);
      if (total > window.peakPss.bytes) {
        const bytesByPid = new Map(tree.map((entry, index) => [entry.pid, pss[index] ?? 0]));
        window.peakPss = {
          bytes: total,
          atMs: performance.now() - window.startedAt,
          processes: byName(tree, (entry) => bytesByPid.get(entry.pid) ?? 0),
        };
      }
    }
    await sleep(PSS_PAUSE_MS);
  }
}

/** What this window saw, then a fresh window starting now. */
function closeWindow() {
  sampleRss();
  const { samples, pssSamples, longestGapMs, longestSampleMs, maxProcesses, peakRss, peakPss } = window;
  window = emptyWindow();
  sampleRss();
  return { samples, pssSamples, intervalMs, longestGapMs, longestSampleMs, maxProcesses, peakRss, peakPss };
}

sampleRss();
const timer = setInterval(sampleRss, intervalMs);
void samplePssForever();
process.send?.('ready');
process.on('message', (message) => {
  if (message === 'window') {
    process.send?.(closeWindow());
  } else if (message === 'stop') {
    clearInterval(timer);
    process.send?.(closeWindow(), () => process.exit(0));
  }
});
// The measured process died without stopping us: nothing left to sample.
process.on('disconnect', () => process.exit(0));
