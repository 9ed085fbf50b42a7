import { expect } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';

/** The AppError a call was refused with; fails the test if the call succeeded or threw anything else. */
export async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
