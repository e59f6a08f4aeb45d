export type { ScholarlyApi, ScholarlyFault } from './scholarly/faults.js';
export { type FixtureWorld, type FixtureWorldOptions, startFixtureWorld } from './start-fixture-world.js';
