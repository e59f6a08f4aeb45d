import { ConfigurationError } from './errors/configuration-error.js';

/** The range a numeric option must fall in. */
export interface NumberRange {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * Checks one numeric option when a component is built and returns it; an unusable value throws a
 * `ConfigurationError` naming the component and the option. Every factory and step uses this, so
 * every bad option reads the same way.
 *
 * @example
 * ```ts
 * const timeoutMs = checkNumberOption('web_scraper', 'pageTimeoutMs', options.pageTimeoutMs ?? 10_000, { min: 100, max: 120_000 });
 * ```
 */
export function checkNumberOption(
  component: string,
  option: string,
  value: number,
  { min, max, integer = false }: NumberRange,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ConfigurationError({
      component,
      option,
      message: `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${String(value)}`,
    });
  }
  return value;
}

/**
 * Checks that a string option is present and not blank; returns it trimmed. Anything else throws
 * a `ConfigurationError` naming the component and the option.
 *
 * @example
 * ```ts
 * const apiKey = checkStringOption('my search', 'apiKey', options.apiKey); // '' throws at construction
 * ```
 */
export function checkStringOption(component: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError({ component, option, message: 'must be a non-empty string' });
  }
  return value.trim();
}

/**
 * Checks that an option is an absolute http(s) URL; returns it parsed. Anything else throws a
 * `ConfigurationError` naming the component and the option.
 *
 * @example
 * ```ts
 * const endpoint = checkUrlOption('my search', 'baseUrl', options.baseUrl ?? 'https://search.example.org');
 * ```
 */
export function checkUrlOption(component: string, option: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError({ component, option, message: 'is not a URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError({
      component,
      option,
      message: `must be an http or https URL, got ${url.protocol}`,
    });
  }
  // Credentials in a URL end up in error messages and logs; keys go in their own options.
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError({
      component,
      option,
      message: 'must not contain a user name or password: pass credentials in their own option',
    });
  }
  return url;
}
