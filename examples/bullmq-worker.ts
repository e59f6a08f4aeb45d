/**
 * Scale-out: producers queue email jobs in Redis with BullMQ; any number of worker processes, on
 * any number of machines, run them and save each email exactly once in PostgreSQL.
 *
 * Needs Redis and PostgreSQL, and `npm install bullmq ioredis pg @ai-sdk/openai`. Workers run the
 * whole pipeline (the web research with Brave Search, arXiv, OpenAI), so they need keys:
 *   DATABASE_URL=postgres://... OPENAI_API_KEY=sk-... BRAVE_API_KEY=... node --import tsx examples/bullmq-worker.ts worker
 *   node --import tsx examples/bullmq-worker.ts enqueue      (in another terminal, as often as you like)
 * REDIS_URL defaults to redis://127.0.0.1:6379; CONCURRENCY (jobs per worker process) to 4.
 */
import { openai } from '@ai-sdk/openai';
import { Queue, QueueEvents } from 'bullmq';
import { defaultSteps } from 'scribe-pipeline';
import {
  createEmailWorker,
  enqueueEmail,
  type ScribeJobData,
  type ScribeJobProgress,
  type ScribeJobResult,
} from 'scribe-pipeline/bullmq';
import { postgresPersistence } from 'scribe-pipeline/postgres';
import { braveSearch } from 'scribe-pipeline/search';

const queueName = 'scribe-emails';
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
// BullMQ connection options; BullMQ sets what its blocking connections need (maxRetriesPerRequest).
const connection = {
  host: redisUrl.hostname,
  port: Number(redisUrl.port || 6379),
  ...(redisUrl.password === '' ? {} : { password: decodeURIComponent(redisUrl.password) }),
};

async function runWorker(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined) throw new Error('set DATABASE_URL');
  const braveKey = process.env.BRAVE_API_KEY;
  if (!braveKey) throw new Error('set BRAVE_API_KEY (or use another provider from scribe-pipeline/search)');
  const concurrency = Number(process.env.CONCURRENCY ?? 4);

  // One connection per running job is all a worker needs.
  const persistence = postgresPersistence({ connectionString: databaseUrl, maxConnections: concurrency });
  // Safe when many workers start at once; or run postgresSchemaSql() in your migrations instead.
  await persistence.ensureSchema();

  // Steps hold no per-run state: one list serves every job of this process, and its scraper
  // shares one Chromium (launched on the first page that needs JavaScript) and its connections.
  const steps = defaultSteps({
    model: openai('gpt-4o-mini'), // parses and summarises
    models: { composer: openai('gpt-4o') }, // writes
    search: braveSearch({ apiKey: braveKey }),
  });
  const worker = createEmailWorker({
    connection,
    queueName,
    concurrency,
    steps,
    persistence,
    // Closed by worker.close(), in order, after the running jobs have finished: the database
    // pool, then the scraper's Chromium and HTTP connections.
    resources: [persistence, steps],
  });
  // BullMQ reports Redis trouble here; an 'error' event nobody listens to would end the process.
  worker.on('error', (error) => console.error('worker error:', error));
  worker.on('completed', (job, result) =>
    console.log(`${job.id}: email ${result.emailId}${result.alreadySaved ? ' (was already saved)' : ''}`),
  );
  worker.on('failed', (job, error) =>
    console.error(`${job?.id}: attempt ${job?.attemptsMade} failed: ${error.message}`),
  );

  // Stop taking jobs, let the running ones finish, then close the resources. A deploy that
  // cannot wait may call worker.close(true): the running jobs are then taken over by another
  // worker once their locks expire, and the emails are still saved only once.
  const shutdown = async (signal: string) => {
    console.log(`${signal}: finishing running jobs...`);
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  console.log(`worker ${worker.id} takes up to ${concurrency} jobs from "${queueName}"`);
}

async function enqueue(): Promise<void> {
  const queue = new Queue<ScribeJobData, ScribeJobResult>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  try {
    // Validated here, at the boundary: bad input throws InputValidationError and queues nothing.
    const job = await enqueueEmail(queue, {
      taskId: `example-${Date.now()}`,
      userId: 'user-1',
      emailTemplate:
        'Dear {{name}},\n\nI am a master’s student and your work on {{topic}} is why I applied to this programme. Could we talk about {{question}}?\n\nBest,\n[Your Name]',
      recipientName: 'Dr. Geoffrey Hinton',
      recipientInterest: 'capsule networks',
    });
    events.on('progress', ({ jobId, data }) => {
      if (jobId !== job.id) return;
      const progress = data as ScribeJobProgress;
      console.log(`${String(progress.percent).padStart(3)}% ${progress.step} ${progress.status}`);
    });
    const result = await job.waitUntilFinished(events);
    console.log(`saved email ${result.emailId}; tokens per step:`, result.usage);
  } finally {
    await events.close();
    await queue.close();
  }
}

const mode = process.argv[2];
if (mode === 'worker') await runWorker();
else if (mode === 'enqueue') await enqueue();
else {
  console.error('usage: node --import tsx examples/bullmq-worker.ts worker|enqueue');
  process.exitCode = 2;
}
