/**
 * Testing your steps and adapters: mock and fake models, the offline fixture world, and the persistence and checkpoint conformance suites.
 *
 * @module scribe-pipeline/testing
 */
export {
  type CheckpointConformanceCase,
  type CreateCheckpointStore,
  checkpointConformanceCases,
  runCheckpointConformance,
} from './checkpoint-conformance.js';
export { createFakeModel, type FakeModelOptions } from './fake-model/index.js';
export {
  type FixtureWorld,
  type FixtureWorldOptions,
  type ScholarlyApi,
  type ScholarlyFault,
  startFixtureWorld,
} from './fixture-world/index.js';
export { createMockModel, type MockUsage, mockAnswer } from './mock-model.js';
export {
  type ConformanceCase,
  type ConformanceReport,
  type CreateAdapter,
  persistenceConformanceCases,
  runPersistenceConformance,
  sampleEmailRecord,
} from './persistence-conformance.js';
