import { type ConnectionOptions, Worker, type WorkerOptions } from 'bullmq';
import { checkNumberOption, checkStringOption } from '../core/check-option.js';
import type { ScribeJobData, ScribeJobResult } from './scribe-job.js';
import { createScribeProcessor, type ScribeProcessorOptions } from './scribe-processor.js';

/** Anything the worker should close after it stops: the persistence adapter, a browser pool. */
export interface Closable {
  /** Releases what the resource holds; awaited when it returns a promise. */
  close?(): Promise<void> | void;
}

/** Options of `createEmailWorker`. */
export interface EmailWorkerOptions extends Omit<ScribeProcessorOptions, '_internal'> {
  /** Redis: connection options or a client (ioredis or node-redis) for BullMQ. */
  connection: ConnectionOptions;
  /** The queue `enqueueEmail` adds to. */
  queueName: string;
  /**
   * Jobs this process runs at once. Default 1. Each running job holds at most one database
   * connection, so keep the persistence pool at least this large.
   */
  concurrency?: number;
  /**
   * Closed, in order, by `worker.close()` once the worker has stopped taking jobs and its running
   * jobs have finished: typically `[persistence, steps]` (the default steps close their browser). Things not listed stay open.
   */
  resources?: readonly Closable[];
  /**
   * Any other BullMQ worker option: `lockDuration`, `stalledInterval`, `maxStalledCount`,
   * `limiter`, `prefix`, `name`, ...
   */
  workerOptions?: Omit<WorkerOptions, 'connection' | 'concurrency'>;
}

/**
 * A BullMQ worker for email jobs whose `close()` also closes the resources it was given, after
 * the worker itself: first no new jobs and the running ones finish (or, with `close(true)`, are
 * left to be recovered by another worker), then the database and browsers they used.
 *
 * @example
 * ```ts
 * const worker = createEmailWorker({ connection, queueName: 'emails', steps, persistence, resources: [persistence] });
 * process.on('SIGTERM', () => worker.close());
 * ```
 */
export class EmailWorker extends Worker<ScribeJobData, ScribeJobResult> {
  readonly #resources: readonly Closable[];
  #closingAll: Promise<void> | undefined;

  constructor(options: EmailWorkerOptions) {
    const {
      connection,
      queueName,
      concurrency = 1,
      resources = [],
      workerOptions,
      ...processorOptions
    } = options;
    super(
      checkStringOption('email worker', 'queueName', queueName),
      createScribeProcessor(processorOptions),
      {
        ...workerOptions,
        connection,
        concurrency: checkNumberOption('email worker', 'concurrency', concurrency, {
          min: 1,
          max: 1000,
          integer: true,
        }),
      },
    );
    this.#resources = resources;
  }

  /**
   * Stops the worker, then closes each resource in order; safe to call twice. Every resource is
   * closed even when one fails; the failures are thrown together afterwards.
   */
  override close(force = false): Promise<void> {
    this.#closingAll ??= (async () => {
      const failures: unknown[] = [];
      try {
        await super.close(force);
      } catch (error) {
        failures.push(error);
      }
      for (const resource of this.#resources) {
        try {
          await resource.close?.();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, 'email worker: closing failed');
    })();
    return this.#closingAll;
  }
}

/**
 * Starts a BullMQ worker that runs email jobs with `createScribeProcessor`. Run as many as you
 * like, on as many machines: BullMQ gives each job to one worker at a time, and a job whose
 * worker died is given to another once its lock expires.
 *
 * Shut down with `await worker.close()`: it stops taking jobs, waits for the running ones, then
 * closes `resources` in order. Listen to the worker's `error` event: BullMQ reports Redis
 * trouble there, and an `error` event nobody listens to ends the process.
 *
 * @example
 * ```ts
 * const persistence = postgresPersistence({ connectionString: process.env.DATABASE_URL! });
 * await persistence.ensureSchema();
 * const worker = createEmailWorker({
 *   connection: new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }),
 *   queueName: 'emails',
 *   steps,
 *   persistence,
 *   concurrency: 4,
 *   resources: [persistence],
 * });
 * worker.on('error', (error) => logger.error(error));
 * process.once('SIGTERM', () => void worker.close());
 * ```
 */
export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
  return new EmailWorker(options);
}
