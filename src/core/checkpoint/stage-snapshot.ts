import type { PipelineData, StepOutputs } from '../pipeline-data.js';
import type { StageSnapshot } from './checkpoint-store.js';

// The inputs, and what is about this run rather than the email (timings, errors).
const NOT_SNAPSHOT = new Set([
  'taskId',
  'userId',
  'emailTemplate',
  'recipientName',
  'recipientInterest',
  'recipientAffiliation',
  'recipientOrcid',
  'startedAt',
  'stepTimings',
  'errors',
]);

/** Every field of `data` a step may write, as JSON text per field, to compare before and after. */
export function fieldsOf(data: PipelineData<StepOutputs>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (!NOT_SNAPSHOT.has(key)) fields.set(key, JSON.stringify(value) ?? 'undefined');
  }
  return fields;
}

/**
 * What a stage wrote: each field whose JSON changed since `before`, with its new value (a copy,
 * through JSON, so the checkpoint holds what a store would). Whatever the step: built-in fields
 * and a host's `outputs` alike, so a new field needs no code here.
 */
export function stageSnapshot(data: PipelineData<StepOutputs>, before: Map<string, string>): StageSnapshot {
  const snapshot: StageSnapshot = {};
  for (const [key, text] of fieldsOf(data)) {
    if (before.get(key) !== text && text !== 'undefined') snapshot[key] = JSON.parse(text);
  }
  return snapshot;
}

/** Writes a stage's snapshot back into `data`, as the stage had left it. */
export function applySnapshot(data: PipelineData<StepOutputs>, snapshot: StageSnapshot): void {
  for (const [key, value] of Object.entries(snapshot)) {
    if (!NOT_SNAPSHOT.has(key)) (data as unknown as Record<string, unknown>)[key] = value;
  }
}
