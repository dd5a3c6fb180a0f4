/** Stable error codes, part of the API. */
export type ErrorCode =
  | 'not_found'
  | 'unknown_quote'
  | 'invalid_id'
  | 'invalid_parameter'
  | 'unknown_parameter'
  | 'repeated_parameter'
  | 'text_does_not_fit'
  | 'missing_parameter'
  | 'unsupported_format'
  | 'internal_error';

/** An error a client can act on; the app's one error handler turns it into JSON. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 422 | 500 | 501 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly allowed?: readonly (string | number)[],
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.allowed ? { allowed: this.allowed } : {}) } };
  }
}
