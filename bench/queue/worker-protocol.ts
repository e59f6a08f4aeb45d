/** What the benchmark tells a worker process. */
export type ToWorker =
  | { type: 'start'; queueName: string; table: string; concurrency: number }
  | { type: 'stop' }
  | { type: 'exit' };

/** What a worker process answers. */
export type FromWorker =
  /** Listening for messages: the process has loaded. */
  | { type: 'alive' }
  /** The round's worker is connected and taking jobs. */
  | { type: 'ready' }
  | { type: 'stopped'; completed: number; failed: number }
  | { type: 'error'; message: string };

/** Where the worker processes find Redis and PostgreSQL. */
export const REDIS = { host: '127.0.0.1', port: 6379 };
export const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
