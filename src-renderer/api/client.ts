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
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    return { ok: false, error: { code: 'INTERNAL', message: `Backend unreachable: ${(error as Error).message}`, details: { offline: true } } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return body as DispatchResult<unknown>;
  return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}` } };
}

export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const host = bridge();
  const result = host ? await host.invoke(channel, input) : await httpInvoke(channel, input);
  if (!result.ok) {
    throw isAppErrorData(result.error) ? AppError.fromData(result.error) : new AppError('INTERNAL', 'Malformed error');
  }
  return result.data as ChannelOutput<C>;
}

/** Backend events: the bridge's `on` in Electron, server-sent events in the browser host. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const host = bridge();
  if (host) return host.on(event, (payload) => listener(payload as EventPayload<E>));
  if (typeof EventSource === 'undefined') return () => {};
  const source = sharedEventSource();
  const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as EventPayload<E>);
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
