export {
  type ConformanceCase,
  type ConformanceReport,
  type CreateAdapter,
  persistenceConformanceCases,
  runPersistenceConformance,
  sampleEmailRecord,
} from './persistence-conformance.js';
