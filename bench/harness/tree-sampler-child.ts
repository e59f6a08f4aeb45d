// Run by tree-sampler.ts as a child process: samples the memory of its parent's process tree
// (itself excluded) on a timer of its own, so a busy event loop in the measured process cannot
// delay or skip samples, and the sampler's own heap is not counted.
import os from 'node:os';
import { readProcessTree, type TreeProcess } from './process-tree.js';

const rootPid = Number(process.argv[2]);
// On two cores saturated by Chromium a sampler at normal priority waits over a second for a turn
// and misses short peaks. Ahead of the measured processes it keeps its ~50 ms (needs root or
// CAP_SYS_NICE; without them it runs as it is and the reported longest gap says so).
try {
  os.setPriority(-10);
} catch {
  // Not allowed: sample at normal priority.
}
const intervalMs = Number(process.argv[3] ?? 50);
/** PSS (smaps_rollup) is dearer to read: every this-many samples. */
const PSS_EVERY = 5;

interface Peak {
  bytes: number;
  atMs: number;
  processes: { name: string; count: number; bytes: number }[];
}

function byName(tree: readonly TreeProcess[], field: 'rssBytes' | 'pssBytes') {
  const groups = new Map<string, { name: string; count: number; bytes: number }>();
  for (const entry of tree) {
    const group = groups.get(entry.name) ?? { name: entry.name, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += entry[field] ?? 0;
    groups.set(entry.name, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

function emptyWindow() {
  return {
    startedAt: performance.now(),
    samples: 0,
    lastSampleMs: 0,
    longestGapMs: 0,
    maxProcesses: 0,
    peakRss: { bytes: 0, atMs: 0, processes: [] } as Peak,
    peakPss: { bytes: 0, atMs: 0, processes: [] } as Peak,
  };
}

let window = emptyWindow();
let ticks = 0;

function sample(): void {
  const withPss = ticks % PSS_EVERY === 0;
  ticks += 1;
  const tree = readProcessTree(rootPid, { excludePids: [process.pid], withPss });
  const now = performance.now() - window.startedAt;
  if (window.samples > 0) window.longestGapMs = Math.max(window.longestGapMs, now - window.lastSampleMs);
  window.lastSampleMs = now;
  window.samples += 1;
  window.maxProcesses = Math.max(window.maxProcesses, tree.length);
  const rss = tree.reduce((sum, entry) => sum + entry.rssBytes, 0);
  if (rss > window.peakRss.bytes)
    window.peakRss = { bytes: rss, atMs: now, processes: byName(tree, 'rssBytes') };
  if (withPss) {
    const pss = tree.reduce((sum, entry) => sum + (entry.pssBytes ?? 0), 0);
    if (pss > window.peakPss.bytes)
      window.peakPss = { bytes: pss, atMs: now, processes: byName(tree, 'pssBytes') };
  }
}

/** What this window saw, then a fresh window starting now. */
function closeWindow() {
  sample();
  const { samples, longestGapMs, maxProcesses, peakRss, peakPss } = window;
  window = emptyWindow();
  // A window always starts with a PSS sample, so even a short one has a PSS figure.
  ticks = 0;
  sample();
  return { samples, intervalMs, longestGapMs, maxProcesses, peakRss, peakPss };
}

sample();
const timer = setInterval(sample, intervalMs);
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
