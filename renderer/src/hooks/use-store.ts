// Runs in: the renderer. Reads a store (lib/store.ts) in a component, optionally a slice of
// it, and re-renders only when that slice changes.
import { useSyncExternalStore } from 'react';
import type { Store } from '../lib/store';

export function useStore<T>(store: Store<T>): T;
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S;
export function useStore<T, S>(store: Store<T>, select?: (value: T) => S): T | S {
  const read = () => (select ? select(store.get()) : store.get());
  return useSyncExternalStore(store.subscribe, read, read);
}
