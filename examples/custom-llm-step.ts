/**
 * An LLM step of your own, written the way the built-in ones are: one model session (usage
 * recorded, provider failures typed) and the shared ask / check / feed back / retry loop.
 * Run: bash scripts/run-example.sh examples/custom-llm-step.ts
 * (It uses the test kit's mock model, so it runs offline; pass any AI SDK model instead.)
 */
import type { LanguageModel } from 'ai';
import {
  BasePipelineStep,
  defineStep,
  type PipelineData,
  runPipeline,
  type StepContext,
} from 'scribe-pipeline';
import {
  askUntilValid,
  type LlmStepSettings,
  resolveLlmStepSettings,
  rulesBrokenError,
  withModelSession,
} from 'scribe-pipeline/llm';
import { createMockModel } from 'scribe-pipeline/testing';
import { z } from 'zod';

type Outputs = { subject: string };

class SubjectLineStep extends BasePipelineStep<Outputs> {
  readonly name = 'subject_line';
  readonly #settings: LlmStepSettings;

  constructor(model: LanguageModel) {
    super();
    this.#settings = resolveLlmStepSettings(this.name, { model }, { temperature: 0.3 });
  }

  protected override validateInput(data: PipelineData<Outputs>): readonly string[] {
    return data.finalEmail ? [] : ['finalEmail is empty: run a composer first'];
  }

  protected async executeStep(data: PipelineData<Outputs>, context: StepContext) {
    const session = { stepName: this.name, settings: this.#settings, context };
    const result = await withModelSession(session, (ask) =>
      askUntilValid({
        ask,
        schema: z.object({ subject: z.string() }),
        check: ({ subject }) => (subject.length > 80 ? ['subject: at most 80 characters'] : []),
        system: 'You write short, specific email subject lines.',
        prompt: (previous) =>
          [
            `Write a subject line for this email:\n${data.finalEmail}`,
            ...(previous ? [`Your last answer was rejected: ${previous.problems.join('; ')}`] : []),
          ].join('\n'),
        maxAttempts: this.#settings.maxAttempts,
      }),
    );
    if (!result.ok) {
      throw rulesBrokenError({ stepName: this.name, modelId: this.#settings.model.modelId, ...result });
    }
    data.outputs.subject = result.value.subject;
    for (const round of result.rounds.filter((each) => each.problems.length > 0)) {
      console.log(`attempt ${round.attempt} rejected (${round.problems.join('; ')}), asked again`);
    }
    return this.ok({ metadata: { attempts: result.attempts } });
  }
}

// A scripted stand-in model (the test kit's), so this runs offline: its first answer is too
// long, so the step feeds the problem back and gets a good one.
console.log('(using a scripted mock model from scribe-pipeline/testing)');
const model = createMockModel([
  { subject: 'A very long subject line that goes on and on about analytical engines and much more besides' },
  { subject: 'Your work on analytical engines' },
]);

const draft = defineStep<Outputs>({
  name: 'draft',
  execute: (data) => {
    data.finalEmail = `Dear ${data.recipientName}, I have been reading about ${data.recipientInterest}.`;
  },
});

const { data, usage } = await runPipeline<Outputs>({
  input: {
    taskId: `subject-${Date.now()}`,
    userId: 'user-1',
    emailTemplate: 'Dear {{name}}, I would love to hear more about {{topic}}.',
    recipientName: 'Ada Lovelace',
    recipientInterest: 'analytical engines',
  },
  steps: [draft, new SubjectLineStep(model)],
});
console.log(`subject: ${data.outputs.subject}`);
console.log('usage:', usage.subject_line);
