// Benchmark 8: queue throughput. 200 email jobs through BullMQ (the real Redis on 127.0.0.1:6379,
// emails saved to PostgreSQL) by 1 worker process against 2 worker processes, at the same
// per-worker concurrency. Steps are fakes that wait 50 ms (see queue/bench-steps.ts).
//
//   node --import tsx bench/queue.ts
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pg from 'pg';
import { postgresPersistence } from '../src/persistence/postgres/index.js';
import { enqueueEmail, type ScribeJobData, type ScribeJobResult } from '../src/queue/index.js';
import { alternate } from './harness/alternate.js';
import { RECIPIENT, RESEARCH_TEMPLATE } from './harness/fake-models.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';
import { STEP_DELAY_MS } from './queue/bench-steps.js';
import { DATABASE_URL, type FromWorker, REDIS, type ToWorker } from './queue/worker-protocol.js';

const JOBS = 200;
const CONCURRENCY_PER_WORKER = 8;
const ROUNDS = 3;
const POLL_MS = 20;
const WORKER = fileURLToPath(new URL('./queue/worker-process.ts', import.meta.url));

const runId = randomBytes(4).toString('hex');
const table = `bench_emails_${runId}`;
const connection = { ...REDIS, maxRetriesPerRequest: null };

interface WorkerHandle {
  child: ChildProcess;
  send(message: ToWorker): void;
  /** The next message of `type`; rejects on an error message or an exit. */
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>>;
}

async function startWorkerProcess(): Promise<WorkerHandle> {
  const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const errors: string[] = [];
  child.on('message', (message: FromWorker) => {
    if (message.type === 'error') errors.push(message.message);
  });
  const handle: WorkerHandle = {
    child,
    send: (message) => child.send(message),
    next: (type) =>
      new Promise((resolve, reject) => {
        const onMessage = (message: FromWorker) => {
          if (message.type === 'error') {
            cleanup();
            reject(new Error(`worker ${child.pid}: ${message.message}`));
          } else if (message.type === type) {
            cleanup();
            resolve(message as Extract<FromWorker, { type: typeof type }>);
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`worker ${child.pid} exited (${code}): ${errors.join('; ')}`));
        };
        const cleanup = () => {
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.on('exit', onExit);
      }),
  };
  await handle.next('alive');
  return handle;
}

async function stopWorkerProcess(handle: WorkerHandle): Promise<void> {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => handle.child.once('exit', () => resolve()));
  handle.send({ type: 'exit' });
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Waits until every job has completed or failed, polling the queue's counts. */
async function drained(queue: Queue, jobs: number): Promise<{ completed: number; failed: number }> {
  for (;;) {
    const counts = await queue.getJobCounts('completed', 'failed');
    const completed = counts.completed ?? 0;
    const failed = counts.failed ?? 0;
    if (completed + failed >= jobs) return { completed, failed };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const startedAt = performance.now();
const schema = postgresPersistence({ connectionString: DATABASE_URL, table });
await schema.ensureSchema();
await schema.close();

const workers = [await startWorkerProcess(), await startWorkerProcess()];
const queueNames: string[] = [];
const rounds: { workers: number; ms: number; jobsPerSecond: number }[] = [];
let roundNumber = 0;

/** One round: `count` workers on a fresh queue holding all the jobs, then the clock from resume to drained. */
const throughput =
  (count: 1 | 2, jobs = JOBS) =>
  async () => {
    roundNumber += 1;
    const queueName = `bench-queue-${runId}-${roundNumber}`;
    queueNames.push(queueName);
    const queue = new Queue<ScribeJobData, ScribeJobResult>(queueName, { connection });
    try {
      // Every job is queued before the clock starts, so the producer's speed is not measured.
      await queue.pause();
      await Promise.all(
        Array.from({ length: jobs }, (_, index) =>
          enqueueEmail(queue, {
            taskId: `${queueName}-${index}`,
            userId: 'bench',
            emailTemplate: RESEARCH_TEMPLATE,
            recipientName: RECIPIENT.name,
            recipientInterest: RECIPIENT.interest,
          }),
        ),
      );
      const active = workers.slice(0, count);
      for (const worker of active)
        worker.send({ type: 'start', queueName, table, concurrency: CONCURRENCY_PER_WORKER });
      await Promise.all(active.map((worker) => worker.next('ready')));
      const clock = performance.now();
      await queue.resume();
      const { failed } = await drained(queue, jobs);
      const ms = performance.now() - clock;
      for (const worker of active) worker.send({ type: 'stop' });
      await Promise.all(active.map((worker) => worker.next('stopped')));
      if (failed > 0) throw new Error(`${failed} of ${jobs} jobs failed with ${count} worker(s)`);
      const jobsPerSecond = (jobs / ms) * 1000;
      if (jobs === JOBS)
        rounds.push({ workers: count, ms: round(ms, 0), jobsPerSecond: round(jobsPerSecond, 1) });
      return jobsPerSecond;
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  };

let summary: Awaited<ReturnType<typeof alternate<'oneWorker' | 'twoWorkers'>>>;
try {
  // Warm-up: both processes load, connect and JIT the path on a short queue, not a whole round.
  await throughput(2, 40)();
  summary = await alternate({
    sides: { oneWorker: throughput(1), twoWorkers: throughput(2) },
    rounds: ROUNDS,
    warmupRounds: 0,
  });
} finally {
  await Promise.all(workers.map(stopWorkerProcess));
  const database = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  await database.query(`DROP TABLE IF EXISTS ${table}`);
  await database.end();
}

const ratio = summary.twoWorkers.median / summary.oneWorker.median;
printTable(
  `Queue: ${JOBS} jobs a round, ${CONCURRENCY_PER_WORKER} jobs at once per worker process, steps wait ${STEP_DELAY_MS} ms (${ROUNDS} alternating rounds)`,
  [
    {
      workers: 1,
      'jobs/s (median)': round(summary.oneWorker.median, 1),
      'min..max': `${round(summary.oneWorker.min, 1)}..${round(summary.oneWorker.max, 1)}`,
    },
    {
      workers: 2,
      'jobs/s (median)': round(summary.twoWorkers.median, 1),
      'min..max': `${round(summary.twoWorkers.min, 1)}..${round(summary.twoWorkers.max, 1)}`,
    },
  ],
);
console.log(`2 workers / 1 worker: ${round(ratio, 2)}x`);
writeReport({
  benchmark: 'queue',
  command: 'node --import tsx bench/queue.ts',
  durationMs: performance.now() - startedAt,
  config: {
    jobs: JOBS,
    concurrencyPerWorker: CONCURRENCY_PER_WORKER,
    stepDelayMs: STEP_DELAY_MS,
    rounds: ROUNDS,
    warmup: '40 jobs through both workers',
    pollMs: POLL_MS,
    redis: `${REDIS.host}:${REDIS.port}`,
    persistence: 'postgresPersistence (a table made for the run and dropped after)',
  },
  results: {
    oneWorker: summary.oneWorker,
    twoWorkers: summary.twoWorkers,
    twoOverOne: round(ratio, 3),
    rounds,
    queuesObliterated: queueNames.length,
  },
  targets: [],
});
