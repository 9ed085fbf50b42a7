/**
 * The window bridge the Electron preload exposes to the renderer as `window.plandesk`.
 * Pure types and constants: shared by the preload, the Electron main process and the renderer's
 * API client. Imports nothing from electron, node:* or the DOM.
 */
import type { DispatchResult } from './errors';

export interface PlanDeskBridge {
  /** Calls a contract channel; resolves with the dispatch envelope as-is (never rejects for app errors). */
  invoke(channel: string, input: unknown): Promise<DispatchResult<unknown>>;
  /** Subscribes to a backend event (see `events` in channels.ts); returns an unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Name of the global the preload defines: `window.plandesk`. */
export const BRIDGE_GLOBAL = 'plandesk';
/** The one ipcMain.handle channel: `(channel: string, input: unknown) => DispatchResult`. */
export const IPC_INVOKE = 'plandesk:invoke';
/** Main -> renderer event channel: `(eventName: string, payload: unknown)`. */
export const IPC_EVENT = 'plandesk:event';
