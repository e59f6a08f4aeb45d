/**
 * The names the library's OpenTelemetry spans, events and attributes use, for dashboards and
 * tests that query them.
 *
 * @module scribe-pipeline/telemetry
 */
export { ATTRIBUTES, EVENT_NAMES, SPAN_NAMES } from './attributes.js';
