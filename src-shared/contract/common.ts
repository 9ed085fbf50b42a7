/**
 * What every feature's contract shares: the id, year and month schemas, and `channel()`, which
 * pairs a channel's input and output schemas.
 */
import { z } from 'zod';
import { MEASURES } from '../domain/targets';

export const id = z.string().min(1).max(64);
export const planYear = z.number().int().min(2000).max(2100);
export const measure = z.enum(MEASURES);
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** A feature's channels: name → input and output schemas. */
export type ChannelMap = Record<string, { input: z.ZodType; output: z.ZodType }>;
/** A feature's events: name → payload schema. */
export type EventMap = Record<string, z.ZodType>;
