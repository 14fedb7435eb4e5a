// Runs in: the renderer (pure, no React). The one store primitive every domain store is
// made from: a value, a setter, and subscribers. React reads it through useStore
// (hooks/use-store.ts); stores stay plain objects that tests can drive without a DOM.

/** Arrow-typed members: they use no `this`, so they can be passed around unbound. */
export interface Store<T> {
  get: () => T;
  set: (next: T | ((current: T) => T)) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (current: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
