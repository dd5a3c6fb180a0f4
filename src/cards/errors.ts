/**
 * Stable error codes, part of the API (the README lists them). Every error
 * response, on every route and runtime, is `{ error: { code, message, allowed? } }`.
 */
export type ErrorCode =
  | 'bad_request'
  | 'host_not_allowed'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'content_too_large'
  | 'header_fields_too_large'
  | 'not_found'
  | 'unknown_quote'
  | 'invalid_id'
  | 'invalid_parameter'
  | 'unknown_parameter'
  | 'repeated_parameter'
  | 'missing_parameter'
  | 'canvas_too_large'
  | 'text_does_not_fit'
  | 'unsupported_format'
  | 'overloaded'
  | 'render_timeout'
  | 'shutting_down'
  | 'internal_error';

/** An error a client can act on; the app's one error handler turns it into JSON. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: 400 | 404 | 405 | 408 | 413 | 422 | 431 | 500 | 501 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly allowed?: readonly (string | number)[],
    /** Seconds after which a retry may succeed (sent as Retry-After on 503s). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.allowed ? { allowed: this.allowed } : {}) } };
  }
}

/** What a client sees for an error that is not an ApiError: no message, stack or path of ours. */
export const INTERNAL_ERROR = new ApiError(500, 'internal_error', 'Something went wrong on our side; the error has been logged.');
