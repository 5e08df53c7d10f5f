import type { EventName, EventPayload } from '../src-shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Fan-out of contract events from the core to every transport (Electron IPC,
 * each WebSocket). Typed on the way in; transports forward opaque payloads.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A broken subscriber (a closed socket) must not stop the others.
        console.error(`tickdesk: event listener for "${event}" failed`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
