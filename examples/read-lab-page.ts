/**
 * A step of your own that reads one page you already know, with the web scraper's safe reader
 * (`scribe-pipeline/web`): every URL, redirect hop and connection checked by the SSRF guard,
 * plain HTTP first and Chromium for a page built by JavaScript, the text extracted off the event
 * loop. Here it reads the fixture world's lab page, which only has text once its script runs.
 * Offline: no model, no network.
 * Run: bash scripts/run-example.sh examples/read-lab-page.ts
 */
import { defineStep, runPipeline } from 'scribe-pipeline';
import { startFixtureWorld } from 'scribe-pipeline/testing';
import { createPageReader } from 'scribe-pipeline/web';

type Outputs = { labPage: { title: string; url: string; readWith: 'http' | 'browser'; text: string } };

const world = await startFixtureWorld();
// The world is on 127.0.0.1, which the guard refuses unless the host allows it by name.
await using reader = createPageReader({ allow: [world.origin], strategy: 'auto' });

const readLabPage = defineStep<Outputs>({
  name: 'read_lab_page',
  execute: async (data, { signal }) => {
    const page = await reader.read(world.pages.lab, { signal });
    // A page that cannot be read is an outcome, not an exception: say why and go on without it.
    if (!page.ok) return { warnings: [`lab page skipped (${page.reason}): ${page.detail}`] };
    data.outputs.labPage = {
      title: page.title,
      url: page.finalUrl,
      readWith: page.strategy,
      text: page.text,
    };
  },
});

const writeEmail = defineStep<Outputs>({
  name: 'write_email',
  execute: (data) => {
    const lab = data.outputs.labPage;
    const firstLine = lab?.text.split('\n').find((line) => line.length > 40) ?? '';
    data.finalEmail = `Dear ${data.recipientName},\n\nI read on your lab's page: "${firstLine}"\n\nBest regards,\nSam`;
  },
});

try {
  const { data, warnings } = await runPipeline<Outputs>({
    input: {
      taskId: 'read-lab-page-1',
      userId: 'example',
      emailTemplate: world.template,
      recipientName: world.recipient.name,
      recipientInterest: world.recipient.interest,
    },
    steps: [readLabPage, writeEmail],
  });
  const lab = data.outputs.labPage;
  if (lab) console.log(`read ${lab.url} with ${lab.readWith}: "${lab.title}", ${lab.text.length} characters`);
  for (const warning of warnings) console.log(`warning from ${warning.step}: ${warning.message}`);
  console.log(`\n${data.finalEmail}`);
} finally {
  await world.close();
}
