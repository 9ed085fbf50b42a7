/**
 * Sandboxed preload: exposes exactly `window.plandesk.invoke` and `window.plandesk.on`
 * (see src-shared/contract/bridge.ts). No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE, type PlanDeskBridge } from '../../src-shared/contract/bridge';
import type { DispatchResult } from '../../src-shared/contract/errors';

type Listener = (payload: unknown) => void;

/** One ipcRenderer listener for all events; subscribers are kept per event name. */
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  const set = listeners.get(name);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`[plandesk] listener for ${name} failed`, error);
    }
  }
});

const bridge: PlanDeskBridge = {
  invoke(channel: string, input: unknown): Promise<DispatchResult<unknown>> {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<DispatchResult<unknown>>;
  },
  on(event: string, listener: Listener): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('on(event: string, listener: function)');
    }
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      const current = listeners.get(event);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
