import { defineStep, PipelineData, type PipelineInput, type ProgressEvent } from '../../src/index.js';

export function validInput(overrides: Partial<PipelineInput> = {}): PipelineInput {
  return {
    taskId: `task-${Math.random().toString(36).slice(2)}`,
    userId: 'user-42',
    emailTemplate: 'Dear {{name}}, I loved your work on {{topic}} and would like to join your lab.',
    recipientName: 'Grace Hopper',
    recipientInterest: 'compilers',
    ...overrides,
  };
}

export function makeData(overrides: Partial<PipelineInput> = {}): PipelineData {
  return new PipelineData(validInput(overrides));
}

/** Records progress events in order. */
export function progressRecorder() {
  const events: ProgressEvent[] = [];
  return { events, onProgress: (event: ProgressEvent) => void events.push(event) };
}

/** A promise with its resolve exposed, for ordering steps deterministically. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Stands in for the email composer: writes a fixed email so the run has something to save. */
export const fixedEmailStep = defineStep({
  name: 'compose',
  execute: (data) => {
    data.finalEmail = `Dear ${data.recipientName}, your work on ${data.recipientInterest} inspired me.`;
    data.isConfident = true;
  },
});
