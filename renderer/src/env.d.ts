// Runs in: the renderer's type check only. Per-component style sheets are imported for
// their side effect (Vite bundles them); this tells TypeScript such imports exist.
declare module '*.css';
