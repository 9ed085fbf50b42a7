/**
 * Progress, abort and back-pressure of an export: the table bodies call a checkpoint every
 * PROGRESS_EVERY rows, which reports progress, honours the abort signal and an output stream that
 * failed, and lets the zip stream drain what was written so far.
 */

/** Table rows between two checkpoints. */
export const PROGRESS_EVERY = 1_000;

/** Called with the body rows written since the last call, at most PROGRESS_EVERY apart. */
export type Checkpoint = (rows: number) => Promise<void>;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('XLSX export aborted');
    error.name = 'AbortError';
    throw error;
  }
}

/**
 * Listens for the output stream's 'error' from the start: without a listener an early error
 * (e.g. a missing folder) would be an unhandled 'error' event; with it, the error is raised at
 * the next checkpoint or instead of the commit.
 */
export function watchStream(stream: NodeJS.WritableStream) {
  let streamError: Error | null = null;
  let rejectOnStreamError: (error: Error) => void = () => {};
  const failed = new Promise<never>((_resolve, reject) => (rejectOnStreamError = reject));
  failed.catch(() => {});
  const onStreamError = (error: Error) => {
    streamError = error;
    rejectOnStreamError(error);
  };
  stream.on('error', onStreamError);
  return {
    /** Rejects with the stream's error, to race against the commit. */
    failed,
    throwIfFailed(): void {
      if (streamError) throw streamError;
    },
    stop(): void {
      stream.removeListener('error', onStreamError);
    },
  };
}

export function progressCheckpoint(
  total: number,
  onProgress: ((done: number, total: number) => void) | undefined,
  signal: AbortSignal | undefined,
  throwIfStreamFailed: () => void,
): Checkpoint {
  let done = 0;
  let nextReport = PROGRESS_EVERY;
  return async (rows: number) => {
    done += rows;
    if (done < nextReport) return;
    nextReport = done + PROGRESS_EVERY;
    if (done < total) onProgress?.(done, total);
    throwIfAborted(signal);
    throwIfStreamFailed();
    // Let the zip stream drain what was written so far (keeps memory flat, lets aborts arrive).
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(signal);
  };
}
