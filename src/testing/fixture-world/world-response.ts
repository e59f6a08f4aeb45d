/** An answer of the fixture world to one request: status, content type and body. */
export interface WorldResponse {
  status: number;
  contentType: string;
  body: string;
  /** Further headers (Location, Retry-After). */
  headers?: Record<string, string>;
}
