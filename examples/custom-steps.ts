/**
 * A pipeline of your own steps, saved to SQLite, with progress printed as it happens.
 * Run: node --import tsx examples/custom-steps.ts
 */
import {
  BasePipelineStep,
  defineStep,
  type PipelineData,
  parallel,
  runPipeline,
  StepResult,
  sqlitePersistence,
} from 'scribe-pipeline';

// A class-based step: subclass BasePipelineStep and implement executeStep.
class GreetingStep extends BasePipelineStep {
  readonly name = 'greeting';

  protected async executeStep(data: PipelineData): Promise<StepResult> {
    data.finalEmail = `Dear ${data.recipientName},\n\nI have been reading about ${data.recipientInterest}.`;
    return this.ok();
  }
}

// Function-based steps: defineStep runs them through the same template (spans, progress, errors).
const findTopics = defineStep({
  name: 'find_topics',
  execute: (data) => {
    data.searchTerms = [`${data.recipientName} ${data.recipientInterest}`];
  },
});
const checkLength = defineStep({
  name: 'check_length',
  validateInput: (data) => (data.finalEmail === '' ? ['finalEmail is empty: run after greeting'] : []),
  execute: (data, { signal }) => {
    signal.throwIfAborted();
    const words = data.finalEmail.split(/\s+/).length;
    // A warning lets the run go on; StepResult.fail would stop it.
    return words < 50 ? StepResult.ok('check_length', { warnings: [`only ${words} words`] }) : undefined;
  },
});

const persistence = sqlitePersistence({ path: 'example-emails.db' });
try {
  const result = await runPipeline({
    input: {
      taskId: `example-${Date.now()}`,
      userId: 'user-1',
      emailTemplate: 'Dear {{name}}, I would love to hear more about {{topic}}.',
      recipientName: 'Grace Hopper',
      recipientInterest: 'compiler design',
    },
    steps: [parallel(findTopics, new GreetingStep()), checkLength],
    persistence,
    onProgress: (event) => console.log(`[${event.index + 1}/${event.total}] ${event.step}: ${event.status}`),
  });
  console.log(`saved email ${result.emailId}`);
  console.log(result.data.finalEmail);
  for (const warning of result.warnings) console.log(`warning from ${warning.step}: ${warning.message}`);
} finally {
  await persistence.close?.();
}
