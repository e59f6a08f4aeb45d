/**
 * A pipeline of your own steps: one written as a class, two with `defineStep` (one with a typed
 * output), a parallel group, progress printed as it happens, and the email saved to SQLite.
 * No model and no network: it runs anywhere.
 * Run: bash scripts/run-example.sh examples/custom-steps.ts
 */
import {
  BasePipelineStep,
  defineStep,
  type PipelineData,
  parallel,
  runPipeline,
  sqlitePersistence,
} from 'scribe-pipeline';

// The outputs of this pipeline's own steps, typed once: data.outputs.wordCount is a number everywhere.
type Outputs = { wordCount: number };

// A class step: subclass BasePipelineStep, name it, implement executeStep. Keep no per-run state in
// the instance: one instance serves every run, also concurrent ones.
class GreetingStep extends BasePipelineStep<Outputs> {
  readonly name = 'greeting';

  protected async executeStep(data: PipelineData<Outputs>) {
    data.finalEmail = [
      `Dear ${data.recipientName},`,
      `I have been reading about ${data.recipientInterest} and would love to hear how your group approaches it.`,
      'Best regards,\nSam',
    ].join('\n\n');
    return this.ok();
  }
}

// Function steps: defineStep runs them through the same template (span, progress, timing, errors).
const findTopics = defineStep<Outputs>({
  name: 'find_topics',
  execute: (data) => {
    data.searchTerms = [`${data.recipientName} ${data.recipientInterest}`];
  },
});

const countWords = defineStep<Outputs>({
  name: 'count_words',
  // Problems listed here fail the step with StepValidationError before execute runs.
  validateInput: (data) => (data.finalEmail === '' ? ['finalEmail is empty: run after greeting'] : []),
  // `result` holds ok / fail / skip bound to this step, so its name is never typed twice.
  execute: (data, { signal }, result) => {
    signal.throwIfAborted();
    const wordCount = data.finalEmail.split(/\s+/).filter(Boolean).length;
    data.outputs.wordCount = wordCount;
    if (wordCount > 300) return result.fail(`${wordCount} words: too long to send`);
    // A warning lets the run go on; a failure stops it.
    return wordCount < 50 ? result.ok({ warnings: [`only ${wordCount} words`] }) : result.ok();
  },
});

const persistence = sqlitePersistence({ path: process.env.SCRIBE_DB ?? 'example-emails.db' });
try {
  const { emailId, data, warnings } = await runPipeline<Outputs>({
    input: {
      taskId: `custom-steps-${Date.now()}`,
      userId: 'user-1',
      emailTemplate: 'Dear {{name}}, I would love to hear more about {{topic}}.',
      recipientName: 'Grace Hopper',
      recipientInterest: 'compiler design',
    },
    // find_topics and greeting run side by side; count_words after both.
    steps: [parallel(findTopics, new GreetingStep()), countWords],
    persistence,
    onProgress: (event) => console.log(`[${event.index + 1}/${event.total}] ${event.step}: ${event.status}`),
  });
  console.log(`saved email ${emailId} (${data.outputs.wordCount} words):\n\n${data.finalEmail}\n`);
  for (const warning of warnings) console.log(`warning from ${warning.step}: ${warning.message}`);
} finally {
  await persistence.close?.();
}
