import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, NODE_FLOOR } from '../../src/core/node-floor.js';

const run = promisify(execFile);
const SYSTEM_NODE = '/usr/bin/node';
// The development machines' own Node is 20: older than the floor, so a real old Node to try.
const oldNode = existsSync(SYSTEM_NODE)
  ? execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node']).toString().trim()
  : undefined;

describe.runIf(oldNode !== undefined && !isSupportedNode(oldNode))(`a host on Node ${oldNode}`, () => {
  it('gets a ConfigurationError from runPipeline before the first step runs, and from WebScraperStep when built', async () => {
    // The root entry itself must import on the old Node; the refusal comes when work starts.
    const script = `
      const { runPipeline, defineStep, WebScraperStep } = await import('./src/index.ts');
      let ran = false;
      const step = defineStep({ name: 'probe', execute: () => { ran = true; } });
      const out = {};
      try {
        await runPipeline({ input: { emailTemplate: 'Hi {{name}}, I read your work on {{research}}.', recipientName: 'Ada', recipientInterest: 'graphs' }, steps: [step] });
      } catch (error) { out.run = { name: error.name, code: error.code, message: error.message }; }
      out.ran = ran;
      try { new WebScraperStep({ model: {} }); } catch (error) { out.scraper = { name: error.name, code: error.code }; }
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(SYSTEM_NODE, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: new URL('../..', import.meta.url),
    });
    const out = JSON.parse(stdout);
    expect(out.ran).toBe(false);
    expect(out.run).toMatchObject({ name: 'ConfigurationError', code: 'CONFIGURATION' });
    expect(out.run.message).toContain(`>= ${NODE_FLOOR}`);
    expect(out.run.message).toContain(`v${oldNode}`);
    expect(out.scraper).toEqual({ name: 'ConfigurationError', code: 'CONFIGURATION' });
  });
});
