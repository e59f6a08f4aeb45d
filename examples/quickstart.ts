import { ArxivClient, defaultSteps, memoryPersistence, runPipeline } from 'scribe-pipeline';
import { searxngSearch } from 'scribe-pipeline/search';
import { createFakeModel, startFixtureWorld } from 'scribe-pipeline/testing';

// Offline stand-ins: a local world (a university site, a search engine, arXiv) and a fake model.
// For real emails pass openai('gpt-4o') and braveSearch({ apiKey }) instead, and drop the world.
const world = await startFixtureWorld();
const steps = defaultSteps({
  model: createFakeModel(),
  search: searxngSearch({ baseUrl: world.searchUrl }),
  scraper: { allow: [world.origin] }, // the world is on 127.0.0.1, which the scraper refuses by default
  arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
});

try {
  const { emailId, data, warnings } = await runPipeline({
    input: {
      taskId: 'quickstart-1',
      userId: 'user-1',
      emailTemplate: world.template,
      recipientName: world.recipient.name,
      recipientInterest: world.recipient.interest,
    },
    steps, // template_parser, then web_scraper and arxiv_helper side by side, then email_composer
    persistence: memoryPersistence(),
    onProgress: (event) => console.log(`${event.step}: ${event.status}`),
  });
  console.log(`\nemail ${emailId}:\n\n${data.finalEmail}\n`);
  console.log(
    `pages: ${data.scrapedUrls.length}, papers: ${data.arxivPapers.length}, warnings: ${warnings.length}`,
  );
} finally {
  await steps.close(); // the scraper's browser and connections
  await world.close();
}
