export { buildEmailRecord } from './email-record.js';
export { memoryPersistence } from './memory-persistence.js';
export type {
  EmailRecord,
  EmailRecordMetadata,
  PersistenceAdapter,
  SavedPaper,
  SaveEmailResult,
  StoredEmail,
} from './persistence-adapter.js';
export { type SqlitePersistenceOptions, sqlitePersistence } from './sqlite-persistence.js';
