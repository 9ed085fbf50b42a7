/**
 * The API contract, assembled from each feature's contract file: every backend capability is a
 * channel there first, with zod schemas for its input and output. Both hosts (Electron IPC, web
 * host HTTP) and the tests go through core's `dispatch`, which validates both ways against them.
 *
 * Naming: `<domain>/<verb-noun>` in kebab-case; events are past tense.
 * Adding a feature's contract: write `contract/<feature>.ts` (its schemas, `<feature>Channels` and
 * `<feature>Events`), then add it to FEATURE_CHANNELS / FEATURE_EVENTS and the re-exports below.
 */
import type { z } from 'zod';
import type { ChannelMap, EventMap } from './common';
import { calendarChannels, calendarEvents } from './calendar';
import { documentsChannels, documentsEvents } from './documents';
import { evaluationChannels, evaluationEvents } from './evaluation';
import { historyChannels, historyEvents } from './history';
import { holidayChannels, holidayEvents } from './holiday';
import { holidayOperationsChannels } from './holiday-operations';
import { orgChannels, orgEvents } from './org';
import { planChannels, planEvents } from './plan';
import { reportsChannels, reportsEvents } from './reports';
import { screeningChannels } from './screening';
import { strategyChannels, strategyEvents } from './strategy';
import { targetsChannels, targetsEvents } from './targets';
import { workspaceChannels } from './workspace';

export * from './calendar';
export * from './documents';
export * from './evaluation';
export * from './history';
export * from './holiday';
export * from './holiday-operations';
export * from './imports';
export * from './org';
export * from './plan';
export * from './reports';
export * from './screening';
export * from './strategy';
export * from './targets';
export * from './workspace';

const FEATURE_CHANNELS = [
  workspaceChannels,
  orgChannels,
  targetsChannels,
  planChannels,
  reportsChannels,
  strategyChannels,
  screeningChannels,
  historyChannels,
  calendarChannels,
  holidayChannels,
  holidayOperationsChannels,
  documentsChannels,
  evaluationChannels,
] as const;
const FEATURE_EVENTS = [
  orgEvents,
  targetsEvents,
  planEvents,
  reportsEvents,
  strategyEvents,
  historyEvents,
  calendarEvents,
  holidayEvents,
  documentsEvents,
  evaluationEvents,
] as const;

/** Names declared by more than one feature; a spread would silently keep only the last. */
export function duplicateNames(maps: ReadonlyArray<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const map of maps) {
    for (const name of Object.keys(map)) {
      if (seen.has(name)) duplicates.add(name);
      seen.add(name);
    }
  }
  return [...duplicates];
}

function combine<M extends ReadonlyArray<ChannelMap | EventMap>>(kind: string, maps: M): UnionToIntersection<M[number]> {
  const duplicates = duplicateNames(maps);
  if (duplicates.length > 0) throw new Error(`Contract: ${kind} declared by two features: ${duplicates.join(', ')}`);
  return Object.assign({}, ...maps) as UnionToIntersection<M[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const channels = combine('channels', FEATURE_CHANNELS);
export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events pushed from the backend to the renderer (Electron `on`); past tense. */
export const events = combine('events', FEATURE_EVENTS);
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
