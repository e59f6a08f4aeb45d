export { createMockModel, type MockUsage, mockAnswer } from './mock-model.js';
export {
  type ConformanceCase,
  type ConformanceReport,
  type CreateAdapter,
  persistenceConformanceCases,
  runPersistenceConformance,
  sampleEmailRecord,
} from './persistence-conformance.js';
