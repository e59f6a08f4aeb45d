import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.configuration';
const symbol = Symbol.for(marker);

/**
 * An option given to a factory or constructor is unusable. Thrown when the thing is built, before
 * any paid or slow work, naming the component and the option.
 *
 * @example
 * ```ts
 * try { braveSearch({ apiKey: '' }); }
 * catch (error) { if (ConfigurationError.isInstance(error)) console.error(error.component, error.option); }
 * ```
 */
export class ConfigurationError extends ScribeError {
  private readonly [symbol] = true;
  /** What was being configured, e.g. `web_scraper` or `brave search`. */
  readonly component: string;
  /** The option at fault, e.g. `pageTimeoutMs`. */
  readonly option: string;

  constructor({ component, option, message }: { component: string; option: string; message: string }) {
    super({
      code: 'CONFIGURATION',
      message: `${component}: \`${option}\` ${message}`,
      retryable: false,
      category: 'user',
    });
    this.name = 'ConfigurationError';
    this.component = component;
    this.option = option;
  }

  static override isInstance(error: unknown): error is ConfigurationError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), component: this.component, option: this.option };
  }
}
