import type { CheckpointStore, StageSnapshot } from '../index.js';
import { PersistenceError } from '../index.js';

/** What the store needs of a Redis client: ioredis has it (BullMQ's own client). */
export interface RedisCheckpointClient {
  /** Redis `HSET`. */
  hset(key: string, field: string, value: string): Promise<unknown>;
  /** Redis `HGETALL`. */
  hgetall(key: string): Promise<Record<string, string>>;
  /** Redis `PEXPIRE`. */
  pexpire(key: string, milliseconds: number): Promise<unknown>;
  /** Redis `DEL`. */
  del(key: string): Promise<unknown>;
}

/** Options of `redisCheckpoints`. */
export interface RedisCheckpointsOptions {
  /** An ioredis client; the store never closes it. */
  client: RedisCheckpointClient;
  /** Prefix of the store's keys. Default `scribe:checkpoints:`. */
  prefix?: string;
}

/**
 * Checkpoints in Redis, one hash per task that expires as a whole: a BullMQ retry on another
 * worker resumes where the crashed attempt stopped. Put it on a Redis whose eviction policy may
 * drop it (a lost checkpoint costs a stage run again), not necessarily the queue's.
 *
 * @example
 * ```ts
 * const checkpoints = redisCheckpoints({ client: new Redis(process.env.REDIS_URL) });
 * const worker = createEmailWorker({ connection, queueName: 'emails', steps, persistence, checkpoints });
 * ```
 */
export function redisCheckpoints({
  client,
  prefix = 'scribe:checkpoints:',
}: RedisCheckpointsOptions): CheckpointStore {
  const key = (taskId: string) => `${prefix}${taskId}`;
  const run = async <T>(operation: string, taskId: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      // Redis being away passes; the run treats a failing store as a warning anyway.
      throw new PersistenceError({ operation, taskId, cause: error, retryable: true });
    }
  };
  return {
    load: (taskId) =>
      run('loadCheckpoints', taskId, async () => {
        const fields = await client.hgetall(key(taskId));
        return Object.fromEntries(
          Object.entries(fields).map(([stage, text]) => [stage, JSON.parse(text) as StageSnapshot]),
        );
      }),
    save: (taskId, stage, snapshot, ttlMs) =>
      run('saveCheckpoint', taskId, async () => {
        await client.hset(key(taskId), stage, JSON.stringify(snapshot));
        await client.pexpire(key(taskId), Math.ceil(ttlMs));
      }),
    clear: (taskId) =>
      run('clearCheckpoints', taskId, async () => {
        await client.del(key(taskId));
      }),
    async close() {},
  };
}
