import type { Browser, LaunchOptions } from 'playwright-core';
import { BrowserLaunchError, type ExecutableAttempt, type ExecutableSource } from './browser-launch-error.js';
import { type BrowserPoolOptions, firstLine } from './browser-pool-options.js';
import {
  EXECUTABLE_PATH_ENV,
  executableProblem,
  listExecutableCandidates,
  SYSTEM_CHROMIUM_PATH,
  SYSTEM_HEADLESS_SHELL_PATH,
} from './resolve-executable.js';

/** A Chromium that started, and how finding it went. */
export interface LaunchedChromium {
  browser: Browser;
  executablePath: string;
  source: ExecutableSource;
  /** The candidates tried first, and why each was passed over. */
  skipped: ExecutableAttempt[];
  durationMs: number;
}

/**
 * Launches the first Chromium that starts, trying in order the `executablePath` option, the
 * environment variable, the system's headless shell, Playwright's download and the system's full
 * Chromium. Playwright is imported here, on first use, so importing the library never loads it.
 *
 * @throws BrowserLaunchError listing every candidate and why it failed.
 */
export async function launchChromium({
  executablePath,
  launchArgs,
  launchTimeoutMs,
  internal,
}: {
  executablePath: string | undefined;
  launchArgs: readonly string[];
  launchTimeoutMs: number;
  internal?: BrowserPoolOptions['_internal'];
}): Promise<LaunchedChromium> {
  // Loaded here, on first use, so importing the library never loads Playwright.
  const { chromium } = await import('playwright-core');
  let playwrightPath: string | undefined;
  try {
    playwrightPath = internal?.playwrightExecutablePath
      ? internal.playwrightExecutablePath()
      : chromium.executablePath();
  } catch {
    playwrightPath = undefined;
  }
  const candidates = listExecutableCandidates({
    executablePath,
    envPath: (internal?.env ?? process.env)[EXECUTABLE_PATH_ENV],
    playwrightPath,
    headlessShellPath: internal?.headlessShellPath ?? SYSTEM_HEADLESS_SHELL_PATH,
    systemPath: internal?.systemExecutablePath ?? SYSTEM_CHROMIUM_PATH,
  });
  const launchWith = internal?.launch ?? ((launchOptions: LaunchOptions) => chromium.launch(launchOptions));
  const attempts: ExecutableAttempt[] = [];
  let lastError: unknown;
  for (const candidate of candidates) {
    const problem = await executableProblem(candidate.path);
    if (problem !== undefined) {
      attempts.push({ ...candidate, problem });
      continue;
    }
    const startedAt = performance.now();
    try {
      const browser = await launchWith({
        executablePath: candidate.path,
        headless: true,
        args: [...launchArgs],
        timeout: launchTimeoutMs,
      });
      return {
        browser,
        executablePath: candidate.path,
        source: candidate.source,
        skipped: attempts,
        durationMs: performance.now() - startedAt,
      };
    } catch (error) {
      lastError = error;
      attempts.push({ ...candidate, problem: `failed to launch: ${firstLine(error)}` });
    }
  }
  throw BrowserLaunchError.noExecutable(attempts, lastError);
}
