export { buildEmailRecord } from './email-record.js';
export type {
  EmailRecord,
  EmailRecordMetadata,
  PersistenceAdapter,
  SavedPaper,
  SaveEmailResult,
  StoredEmail,
} from './persistence-adapter.js';
