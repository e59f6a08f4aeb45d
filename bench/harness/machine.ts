import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { CHROMIUM_PATH } from './chromium.js';

/** The machine and software a figure was measured on. */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryTotalMiB: number;
  os: string;
  node: string;
  chromium: string;
  playwrightCore: string;
  /** The commit of the code measured. */
  commit: string;
  /** Files under src/ and bench/ (results aside) that differed from the commit: they were measured too. */
  uncommitted: string[];
}

function quiet(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Reads what the figures depend on: cores, memory, Node, Chromium, the commit. */
export function machineInfo(): MachineInfo {
  const status = quiet('git', ['status', '--porcelain', '--', 'src', 'bench', ':!bench/results']);
  const uncommitted =
    status === 'unknown' || status === ''
      ? []
      : status.split('\n').map((line) => line.trim().replace(/^\S+\s+/, ''));
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryTotalMiB: Math.round(os.totalmem() / (1024 * 1024)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: quiet(CHROMIUM_PATH, ['--version']),
    playwrightCore: packageVersion('playwright-core'),
    commit: quiet('git', ['rev-parse', '--short', 'HEAD']),
    uncommitted,
  };
}
