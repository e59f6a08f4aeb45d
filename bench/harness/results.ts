import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type MachineInfo, machineInfo } from './machine.js';

// Read when a benchmark starts (it imports this module first thing): other work on the machine
// during the run shows up here, and explains a figure better than any guess afterwards.
const loadAtStart = os.loadavg();

/** Where every benchmark writes its JSON. */
export const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));

/** What one benchmark's JSON file holds. */
export interface BenchmarkReport<Results> {
  benchmark: string;
  /** The command that reproduces it, from the repository root. */
  command: string;
  measuredAt: string;
  durationMs: number;
  machine: MachineInfo;
  /** The 1, 5 and 15 minute load averages when the benchmark started and ended. */
  loadAverage: { atStart: number[]; atEnd: number[] };
  /** The fixed inputs: rounds, sizes, concurrency. */
  config: Record<string, unknown>;
  results: Results;
  /** Each target of the issue, and whether this run met it. */
  targets: TargetCheck[];
}

/** One target of the issue and the figure it is checked against. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const BIOME = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));

/** The repository's lint checks JSON too: format the file the way Biome wants it, when Biome is there. */
function formatLikeTheRepository(path: string): void {
  if (!existsSync(BIOME)) return;
  try {
    execFileSync(BIOME, ['format', '--write', path], { stdio: 'ignore' });
  } catch {
    console.warn(`could not format ${path} with Biome; the figures in it are unaffected`);
  }
}

/**
 * Writes `bench/results/<benchmark>.json`, adding the machine's description, and prints each
 * target as met or missed.
 */
export function writeReport<Results>(
  report: Omit<BenchmarkReport<Results>, 'machine' | 'measuredAt' | 'loadAverage'>,
): string {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const full: BenchmarkReport<Results> = {
    benchmark: report.benchmark,
    command: report.command,
    measuredAt: new Date().toISOString(),
    durationMs: Math.round(report.durationMs),
    machine: machineInfo(),
    loadAverage: {
      atStart: loadAtStart.map((value) => Math.round(value * 100) / 100),
      atEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
    },
    config: report.config,
    results: report.results,
    targets: report.targets,
  };
  const path = `${RESULTS_DIRECTORY}${report.benchmark}.json`;
  // Three decimals are more than any of these figures can claim, and keep the files readable.
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  writeFileSync(path, `${JSON.stringify(full, rounded, 2)}\n`);
  formatLikeTheRepository(path);
  for (const { target, measured, met } of report.targets) {
    console.log(`${met ? 'MET   ' : 'MISSED'} ${target}: ${measured}`);
  }
  console.log(`wrote ${path}`);
  return path;
}
