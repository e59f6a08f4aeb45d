/**
 * What one finished stage of a run (a step, or a `parallel` group) wrote into `PipelineData`:
 * the fields it changed, as JSON-safe values.
 */
export type StageSnapshot = Record<string, unknown>;

/**
 * Where a run keeps what its finished stages wrote, so a second run of the same task (a queue's
 * retry after a crash, a re-run of a batch, a host calling `runPipeline` again) skips them and
 * pays for none of their model calls again. Keyed by task id; entries expire (`ttlMs`) and are
 * cleared once the email is saved. Check your own with `runCheckpointConformance` from
 * `scribe-pipeline/testing`.
 */
export interface CheckpointStore {
  /** The snapshots saved for a task, by stage key; empty when there are none (or they expired). */
  load(taskId: string): Promise<Record<string, StageSnapshot>>;
  /** Saves one stage's snapshot; the task's checkpoints expire `ttlMs` after the last save. */
  save(taskId: string, stage: string, snapshot: StageSnapshot, ttlMs: number): Promise<void>;
  /** Forgets every snapshot of a task. */
  clear(taskId: string): Promise<void>;
  /** Releases what the store opened. Safe to call twice. */
  close?(): Promise<void>;
}

/** Checkpoints are kept a day unless a run says otherwise. */
export const DEFAULT_CHECKPOINT_TTL_MS = 24 * 60 * 60 * 1000;
