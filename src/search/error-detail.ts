const MAX_DETAIL_LENGTH = 200;

/**
 * A short, one-line reason from an error answer's body, for the error message: Brave's
 * `error.code` (`SUBSCRIPTION_TOKEN_INVALID`), Tavily's `detail.error`, or a plain `error`,
 * `detail` or `message` string; a short non-HTML text body as is. Undefined when there is none.
 */
export function readErrorDetail(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // An HTML error page says nothing useful in one line.
    return body.trimStart().startsWith('<') ? undefined : oneLine(body);
  }
  return oneLine(firstText(parsed));
}

function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'detail']) {
    const nested = record[key];
    if (typeof nested === 'string') return nested;
    if (nested !== null && typeof nested === 'object') {
      const inner = nested as Record<string, unknown>;
      const text = [inner.code, inner.error, inner.detail, inner.message].find(
        (candidate) => typeof candidate === 'string',
      );
      if (typeof text === 'string') return text;
    }
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

function oneLine(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  if (!line) return undefined;
  return line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH - 1)}…` : line;
}

/**
 * Removes every secret from text bound for an error message. A provider may echo the key it
 * refused; our messages travel into logs and job data, so the key must never reach them.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length > 0) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}
