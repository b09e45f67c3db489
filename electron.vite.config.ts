import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { developmentCsp, injectCsp, productionCsp } from './src-main/csp';

const cspPlugin = (): Plugin => ({
  name: 'onboarder-csp',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, ctx) => injectCsp(html, ctx.server ? developmentCsp : productionCsp),
  },
});

// Three builds: main (app + CLI + bench, plain Node where Electron is absent), preload (one CJS
// file so `sandbox: true` works) and renderer. Dependencies stay external to the main bundles.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src-main/main.ts'),
          cli: resolve('src-main/cli/index.ts'),
          bench: resolve('src-main/bench/index.ts'),
        },
        // cli.js is the `nrf-onboard` bin; a hashbang is harmless in the other entry.
        output: { banner: '#!/usr/bin/env node' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle everything else into one file.
      externalizeDeps: false,
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react(), cspPlugin()],
  },
});
