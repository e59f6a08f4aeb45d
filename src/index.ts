export * from './core/index.js';
export * from './llm/index.js';
export * from './persistence/index.js';
export * from './steps/index.js';
export { LIBRARY_NAME, VERSION } from './version.js';
