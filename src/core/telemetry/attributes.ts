/**
 * Every span attribute and event name the library writes, in one place so dashboards and tests
 * can rely on them.
 *
 * @example
 * ```ts
 * const runSpan = exporter.getFinishedSpans().find((span) => span.name === SPAN_NAMES.run);
 * runSpan?.attributes[ATTRIBUTES.emailId]; // the saved email's id
 * ```
 */
export const ATTRIBUTES = {
  taskId: 'scribe.task.id',
  stepName: 'scribe.step.name',
  stepSkipped: 'scribe.step.skipped',
  stepWarningCount: 'scribe.step.warning_count',
  stepCount: 'scribe.pipeline.step_count',
  emailId: 'scribe.email.id',
  warningCount: 'scribe.pipeline.warning_count',
  warningMessage: 'scribe.warning.message',
} as const;

/**
 * The names of the spans the library opens: `pipeline.run` for a run, `pipeline.<step name>` for
 * each step, `pipeline.save` for the save.
 *
 * @example
 * ```ts
 * expect(spanNames).toEqual(expect.arrayContaining([SPAN_NAMES.run, SPAN_NAMES.step('my_step'), SPAN_NAMES.save]));
 * ```
 */
export const SPAN_NAMES = {
  run: 'pipeline.run',
  /** The span of one step: `pipeline.<step name>`. */
  step: (stepName: string) => `pipeline.${stepName}`,
  save: 'pipeline.save',
} as const;

/**
 * The names of the span events the library adds: `scribe.warning`, one per warning, with the
 * message in `ATTRIBUTES.warningMessage`.
 *
 * @example
 * ```ts
 * const warnings = span.events.filter((event) => event.name === EVENT_NAMES.warning);
 * ```
 */
export const EVENT_NAMES = {
  warning: 'scribe.warning',
} as const;
