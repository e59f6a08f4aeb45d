/**
 * Every span attribute and event name the library writes, in one place so dashboards and tests
 * can rely on them.
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

export const SPAN_NAMES = {
  run: 'pipeline.run',
  step: (stepName: string) => `pipeline.${stepName}`,
  save: 'pipeline.save',
} as const;

export const EVENT_NAMES = {
  warning: 'scribe.warning',
} as const;
