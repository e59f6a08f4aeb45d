export { createFakeModel, type FakeModelOptions } from './create-fake-model.js';
