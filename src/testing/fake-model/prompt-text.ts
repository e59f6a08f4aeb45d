import type { MockLanguageModelV4 } from 'ai/test';

// Derived rather than imported: @ai-sdk/provider is the AI SDK's dependency, not the host's.
type CallPrompt = Parameters<MockLanguageModelV4['doGenerate']>[0]['prompt'];

/** One model call's text: the system prompt and the user prompt, each joined from its messages. */
export interface PromptText {
  /** Undefined when the call had no system message. */
  system: string | undefined;
  user: string;
}

/** The text a call sends, as the library's steps send it: one system message, one user message. */
export function readPromptText(prompt: CallPrompt): PromptText {
  const system: string[] = [];
  const user: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') system.push(message.content);
    else if (message.role === 'user') {
      for (const part of message.content) if (part.type === 'text') user.push(part.text);
    }
  }
  return { system: system.length > 0 ? system.join('\n') : undefined, user: user.join('\n') };
}
