// Runs in: the renderer. The grid's selection (lib/selection.ts holds the rules).
import { createStore } from '../lib/store';
import { EMPTY_SELECTION, type Selection } from '../lib/selection';

export const selectionStore = createStore<Selection>(EMPTY_SELECTION);
