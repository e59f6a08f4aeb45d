export { memoryPersistence } from './memory-persistence.js';
export { type SqlitePersistenceOptions, sqlitePersistence } from './sqlite-persistence.js';
