import type { CheckpointStore, StageSnapshot } from '../../core/checkpoint/checkpoint-store.js';

/**
 * Checkpoints in this process's memory: a retry in the same process (a host calling
 * `runPipeline` again after a failure) resumes; a crash loses them. Snapshots are copied in and
 * out.
 *
 * @example
 * ```ts
 * const checkpoints = memoryCheckpoints();
 * await runPipeline({ input, steps, checkpoints }).catch(() => runPipeline({ input, steps, checkpoints }));
 * ```
 */
export function memoryCheckpoints({ now = Date.now }: { now?: () => number } = {}): CheckpointStore {
  const tasks = new Map<string, { expiresAt: number; stages: Map<string, StageSnapshot> }>();
  return {
    async load(taskId) {
      const task = tasks.get(taskId);
      if (task === undefined || task.expiresAt <= now()) {
        tasks.delete(taskId);
        return {};
      }
      return structuredClone(Object.fromEntries(task.stages));
    },
    async save(taskId, stage, snapshot, ttlMs) {
      const task = tasks.get(taskId);
      const stages = task && task.expiresAt > now() ? task.stages : new Map<string, StageSnapshot>();
      stages.set(stage, structuredClone(snapshot));
      tasks.set(taskId, { expiresAt: now() + ttlMs, stages });
    },
    async clear(taskId) {
      tasks.delete(taskId);
    },
    async close() {},
  };
}
