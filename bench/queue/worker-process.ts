// A BullMQ worker process for the queue benchmark, forked by bench/queue.ts. It stays up across
// rounds: each `start` runs an EmailWorker on that round's queue and table, `stop` closes it
// (and the persistence it was given), `exit` ends the process.
import { postgresPersistence } from '../../src/persistence/postgres/index.js';
import { createEmailWorker, type EmailWorker } from '../../src/queue/index.js';
import { queueBenchSteps } from './bench-steps.js';
import { DATABASE_URL, type FromWorker, REDIS, type ToWorker } from './worker-protocol.js';

const send = (message: FromWorker) => process.send?.(message);
// An orphan must not go on taking jobs once the benchmark that started it is gone.
process.on('disconnect', () => process.exit(1));

const steps = queueBenchSteps();
let worker: EmailWorker | undefined;
let completed = 0;
let failed = 0;

async function start({ queueName, table, concurrency }: Extract<ToWorker, { type: 'start' }>) {
  completed = 0;
  failed = 0;
  const persistence = postgresPersistence({
    connectionString: DATABASE_URL,
    table,
    maxConnections: concurrency,
  });
  worker = createEmailWorker({
    connection: { ...REDIS, maxRetriesPerRequest: null },
    queueName,
    concurrency,
    steps,
    persistence,
    resources: [persistence],
  });
  worker.on('error', (error) => send({ type: 'error', message: String(error) }));
  worker.on('completed', () => {
    completed += 1;
  });
  worker.on('failed', (job, error) => {
    failed += 1;
    send({ type: 'error', message: `job ${job?.id} failed: ${error.message}` });
  });
  await worker.waitUntilReady();
  send({ type: 'ready' });
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    start(message).catch((error: unknown) => send({ type: 'error', message: String(error) }));
  } else if (message.type === 'stop') {
    const closing = worker?.close() ?? Promise.resolve();
    worker = undefined;
    closing.then(
      () => send({ type: 'stopped', completed, failed }),
      (error: unknown) => send({ type: 'error', message: `closing failed: ${String(error)}` }),
    );
  } else if (message.type === 'exit') {
    process.exit(0);
  }
});
send({ type: 'alive' });
