export { type FixtureWorld, type FixtureWorldOptions, startFixtureWorld } from './start-fixture-world.js';
