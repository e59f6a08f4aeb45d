export * from './arxiv-helper/index.js';
export * from './email-composer/index.js';
export * from './template-parser/index.js';
