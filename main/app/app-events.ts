// Runs in: main process and the bridge (plain Node). The contract's events leave the app
// service through here; the Electron shell forwards them to its windows, the bridge to its
// WebSocket clients. A listener that throws is its own problem, never the emitter's.
import type { EventMessage, EventName, Events } from '../shared/api-contract';

export type EventListener = (message: EventMessage) => void;

export class AppEvents {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners) {
      try {
        listener({ event, payload });
      } catch {
        // A closed window or socket; the transport cleans itself up.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
