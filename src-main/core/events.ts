import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../src-shared/contract/channels';

/** Backend events; the Electron host forwards them to windows through the bridge's `on`. */
export class CoreEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit(name, payload);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
