import { createHash } from 'node:crypto';

/**
 * A task id that is the same whenever the same template is sent to the same recipient with the
 * same interest, so running a batch file again skips what is already saved. Built from the
 * trimmed values, as the pipeline validates them.
 */
export function stableTaskId({
  template,
  name,
  interest,
}: {
  template: string;
  name: string;
  interest: string;
}): string {
  // JSON keeps the three apart: no choice of separator inside the values can make two inputs collide.
  const digest = createHash('sha256')
    .update(JSON.stringify([template.trim(), name.trim(), interest.trim()]))
    .digest('hex');
  return `batch-${digest.slice(0, 32)}`;
}
