import { randomUUID } from 'node:crypto';
import { PipelineAbortedError } from '../core/errors/pipeline-aborted-error.js';
import type {
  EmailRecord,
  PersistenceAdapter,
  StoredEmail,
} from '../core/persistence/persistence-adapter.js';

/**
 * Keeps emails in process memory: for tests, demos and hosts that save elsewhere. Records are
 * deep-copied in and out, so callers cannot change what was saved.
 *
 * @example
 * ```ts
 * const persistence = memoryPersistence();
 * await runPipeline({ input, steps, persistence });
 * ```
 */
export function memoryPersistence({
  _internal,
}: {
  /** For tests. @internal */
  _internal?: { generateId?: () => string; now?: () => Date };
} = {}): PersistenceAdapter {
  const generateId = _internal?.generateId ?? randomUUID;
  const now = _internal?.now ?? (() => new Date());
  const emailsByTaskId = new Map<string, StoredEmail>();

  return {
    async saveEmail(record: EmailRecord, { signal } = {}) {
      if (signal?.aborted) throw new PipelineAbortedError({ taskId: record.taskId, cause: signal.reason });
      // Map access between awaits is atomic, so concurrent saves of one task cannot both write.
      const existing = emailsByTaskId.get(record.taskId);
      if (existing && existing.status !== 'needs_review') return { id: existing.id, created: false };
      // A draft under review is replaced in place: same id and creation time.
      const stored: StoredEmail = {
        ...structuredClone(record),
        id: existing?.id ?? generateId(),
        createdAt: existing?.createdAt ?? now().toISOString(),
      };
      emailsByTaskId.set(record.taskId, stored);
      return { id: stored.id, created: true };
    },
    async getEmailByTaskId(taskId: string) {
      const stored = emailsByTaskId.get(taskId);
      return stored === undefined ? undefined : structuredClone(stored);
    },
    async close() {},
  };
}
