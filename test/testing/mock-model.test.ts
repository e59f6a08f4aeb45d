import { generateText } from 'ai';
import { expect, it } from 'vitest';
import { createMockModel } from '../../src/testing/index.js';

it('answers in order and says clearly when it runs out of answers', async () => {
  const model = createMockModel(['first', { second: true }]);
  expect((await generateText({ model, prompt: 'a' })).text).toBe('first');
  expect((await generateText({ model, prompt: 'b' })).text).toBe('{"second":true}');
  await expect(generateText({ model, prompt: 'c', maxRetries: 0 })).rejects.toThrow(
    /call 3 has no answer; only 2 were given/,
  );
  expect(model.doGenerateCalls).toHaveLength(3);
  expect(() => createMockModel([])).toThrow(/at least one answer/);
});
