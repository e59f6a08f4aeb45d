/** A page could not be parsed: its extraction worker ran out of memory or failed on it. */
export class ExtractionFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExtractionFailedError';
  }
}
