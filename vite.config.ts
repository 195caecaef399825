import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./renderer/${name}`, import.meta.url));

// Two entries, one per platform: each picks its Bridge by entry file, not by a runtime check; and the
// first-run wizard's two (setup.html for the web host, setup-electron.html for Electron).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    rollupOptions: { input: { index: page('index.html'), electron: page('electron.html'), setup: page('setup.html'), setupElectron: page('setup-electron.html') } },
  },
});
