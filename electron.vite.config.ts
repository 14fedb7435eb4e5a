// One build for the three processes. The inference and decode workers are entries of their
// own so that the bundled main process can start them as files next to itself (see
// main/inference/worker-entry.ts).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          'inference.worker': resolve('main/inference/inference.worker.ts'),
          'decode.worker': resolve('main/inference/decode.worker.ts'),
        },
        external: ['onnxruntime-node', 'sharp', 'libheif-js'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': zod is bundled into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload runs as a classic script: CommonJS, whatever package.json says.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
