import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // One build, three adapters: the Electron shell, the browser host and the CLI share the core.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          serve: resolve(__dirname, 'src/main/serve/main.ts'),
          cli: resolve(__dirname, 'src/cli/main.ts'),
          // Exports run in a worker thread with their own read-only SQLite connection (core/reports/jobs.ts).
          'export-worker': resolve(__dirname, 'src/main/core/reports/worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require node_modules: bundle what it imports.
    build: { externalizeDeps: false },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react()],
  },
})
