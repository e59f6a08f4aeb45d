// Header-like secrets as they may appear inside an error message or a cause's text.
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [
    /\b(authorization|proxy-authorization|x-api-key|x-subscription-token|api[-_]?key)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic)\s+)?[^\s"',;}]+/gi,
    '$1$2[redacted]',
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  // OpenAI-style keys, even when the variable holding them was not named like a key.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, '[redacted]'],
];

/**
 * The secrets a process may hold in its environment: values of variables whose name says key,
 * token, secret or password. Collected up front so every line the CLI prints can be scrubbed.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) => /KEY|TOKEN|SECRET|PASSWORD/i.test(name) && value !== undefined && value.length >= 4,
    )
    .map(([, value]) => value as string);
}

/** Replaces every known secret, and anything shaped like a credential header or key, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}
