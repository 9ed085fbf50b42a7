/**
 * Side effects injected into core so tests are deterministic: the clock, id generation, logging.
 * Hosts build one with `defaultContext()`; tests pass fixed ones.
 */
import { randomUUID } from 'node:crypto';

export interface CoreContext {
  clock: () => Date;
  newId: (prefix: string) => string;
  log: (level: 'info' | 'warn' | 'error', message: string, extra?: unknown) => void;
}

export function defaultContext(overrides: Partial<CoreContext> = {}): CoreContext {
  return {
    clock: () => new Date(),
    newId: (prefix) => `${prefix}-${randomUUID().slice(0, 13)}`,
    log: (level, message, extra) => {
      if (level === 'info' && process.env.PLANDESK_QUIET) return;
      const line = `[plandesk] ${level}: ${message}`;
      if (level === 'error') console.error(line, extra ?? '');
      else console.log(line, extra ?? '');
    },
    ...overrides,
  };
}

/** Ids counted from 1 per prefix: reproducible sample data and test fixtures. */
export function sequentialIds(): CoreContext['newId'] {
  const counters = new Map<string, number>();
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}-${String(next).padStart(4, '0')}`;
  };
}
