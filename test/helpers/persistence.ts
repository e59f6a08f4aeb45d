import { type EmailRecord, memoryPersistence, type PersistenceAdapter } from '../../src/index.js';

/** A real memory adapter that also records every save call. */
export function recordingPersistence(inner: PersistenceAdapter = memoryPersistence()) {
  const saves: EmailRecord[] = [];
  const adapter: PersistenceAdapter = {
    saveEmail: (record, options) => {
      saves.push(record);
      return inner.saveEmail(record, options);
    },
    getEmailByTaskId: (taskId, options) => inner.getEmailByTaskId(taskId, options),
  };
  return { adapter, saves };
}
