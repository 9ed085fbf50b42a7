/**
 * Errors cross the contract as plain data `{ code, message, details }`. `message` is for logs and
 * developers (English); the UI shows its own translation of `code`, filled from `details`.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_CELLS',
  'NOT_FOUND',
  'UNKNOWN_CHANNEL',
  'INVALID_OUTPUT',
  'FORBIDDEN',
  'UNAVAILABLE',
  'CANCELLED',
  'SPLIT_REFUSED',
  'IN_USE',
  /** The rows a step changed have been changed again since (an undo would overwrite that). */
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return typeof value === 'object' && value !== null && typeof (value as AppErrorData).code === 'string' && typeof (value as AppErrorData).message === 'string';
}

/** What every host returns for a call: the output, or the error. */
export type DispatchResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorData };
