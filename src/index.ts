export * from './core/index.js';
export * from './persistence/index.js';
export { LIBRARY_NAME, VERSION } from './version.js';
