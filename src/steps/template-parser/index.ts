export { type ParserAnswer, parserAnswerSchema } from './answer-schema.js';
export { PARSER_SYSTEM_PROMPT } from './prompts.js';
export { type TemplateParserOptions, TemplateParserStep } from './template-parser-step.js';
