/**
 * The renderer's only way to the backend. In Electron it goes through the preload bridge
 * (`window.plandesk`); in the browser host it POSTs to `/api/<channel>`. Either way the answer
 * is the contract's envelope, unwrapped here into data or a thrown AppError.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../src-shared/contract/channels';
import { BRIDGE_GLOBAL, type PlanDeskBridge } from '../../src-shared/contract/bridge';
import { AppError, isAppErrorData, type DispatchResult } from '../../src-shared/contract/errors';

function bridge(): PlanDeskBridge | undefined {
  return (window as unknown as Record<string, PlanDeskBridge | undefined>)[BRIDGE_GLOBAL];
}

async function httpInvoke(channel: string, input: unknown): Promise<DispatchResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PlanDesk': '1' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    return { ok: false, error: { code: 'INTERNAL', message: `Backend unreachable: ${(error as Error).message}`, details: { offline: true } } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return body as DispatchResult<unknown>;
  return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}` } };
}

function send(channel: string, input: unknown): Promise<DispatchResult<unknown>> {
  const host = bridge();
  return host ? host.invoke(channel, input) : httpInvoke(channel, input);
}

/**
 * Answers asked for before the code that needs them has loaded (the start page's first requests,
 * sent while React, antd and AG Grid are still being fetched and compiled). Each is handed to the
 * first `invoke` of the same channel and input, once, and only while fresh: every write sends a
 * backend event, and any event drops them all, so nothing written in between is missed.
 */
const early = new Map<string, { answer: Promise<DispatchResult<unknown>>; sentAt: number }>();
const EARLY_ANSWER_FRESH_MS = 15_000;

const requestKey = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input ?? {})}`;

function takeEarlyAnswer(channel: string, input: unknown): Promise<DispatchResult<unknown>> | undefined {
  const key = requestKey(channel, input);
  const entry = early.get(key);
  if (!entry) return undefined;
  early.delete(key);
  return performance.now() - entry.sentAt <= EARLY_ANSWER_FRESH_MS ? entry.answer : undefined;
}

/** Sends a read now and keeps its answer for the first `invoke` that asks the same (see `early`). */
export function requestEarly<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const key = requestKey(channel, input);
  let entry = early.get(key);
  if (!entry) {
    entry = { answer: send(channel, input), sentAt: performance.now() };
    early.set(key, entry);
  }
  return entry.answer.then(unwrap<C>);
}

export type EarlyRequest = typeof requestEarly;

export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap<C>(await (takeEarlyAnswer(channel, input) ?? send(channel, input)));
}

function unwrap<C extends ChannelName>(result: DispatchResult<unknown>): ChannelOutput<C> {
  if (!result.ok) {
    throw isAppErrorData(result.error) ? AppError.fromData(result.error) : new AppError('INTERNAL', 'Malformed error');
  }
  return result.data as ChannelOutput<C>;
}

/** Backend events: the bridge's `on` in Electron, server-sent events in the browser host. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const host = bridge();
  if (host)
    return host.on(event, (payload) => {
      early.clear();
      listener(payload as EventPayload<E>);
    });
  if (typeof EventSource === 'undefined') return () => {};
  const source = sharedEventSource();
  const handler = (message: MessageEvent<string>) => {
    early.clear();
    listener(JSON.parse(message.data) as EventPayload<E>);
  };
  source.addEventListener(event, handler as EventListener);
  return () => {
    source.removeEventListener(event, handler as EventListener);
    releaseEventSource();
  };
}

// One stream for every subscriber: each EventSource holds an HTTP connection open, and the
// browser allows only six per host, so one per subscription would starve a second tab.
let eventSource: EventSource | null = null;
let subscribers = 0;

function sharedEventSource(): EventSource {
  subscribers += 1;
  eventSource ??= new EventSource('/api/events');
  return eventSource;
}

function releaseEventSource(): void {
  subscribers -= 1;
  if (subscribers === 0) {
    eventSource?.close();
    eventSource = null;
  }
}
