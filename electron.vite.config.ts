import { chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { developmentCsp, injectCsp, productionCsp } from './src-main/csp';
import { ipcMethodsPlugin } from './src-main/preload/ipcMethodsPlugin';

const CLI_FILE = 'cli.js';

const cspPlugin = (): Plugin => ({
  name: 'onboarder-csp',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, ctx) => injectCsp(html, ctx.server ? developmentCsp : productionCsp),
  },
});

// A rebuild writes cli.js anew, without the execute bit npm gave the bin at install time, and
// `npx nrf-onboard` then fails with "Permission denied": set it on every write.
const executableBinPlugin = (fileName: string): Plugin => ({
  name: 'onboarder-executable-bin',
  writeBundle(options, bundle) {
    if (options.dir && fileName in bundle) chmodSync(join(options.dir, fileName), 0o755);
  },
});

// Three builds: main (app + CLI + bench, plain Node where Electron is absent), preload (one CJS
// file so `sandbox: true` works) and renderer. Dependencies stay external to the main bundles.
export default defineConfig({
  main: {
    build: {
      // Pure-JS dependencies are bundled: one parsed file instead of resolving and loading each of
      // their modules (zod alone is ~90 files) cuts the CLI's start-up. Native and Electron-bound
      // ones (serialport, electron-store, conf) stay external.
      externalizeDeps: { exclude: ['zod', 'cbor2', 'strip-ansi', 'fflate'] },
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src-main/main.ts'),
          cli: resolve('src-main/cli/index.ts'),
          bench: resolve('src-main/bench/index.ts'),
        },
        // cli.js is the `nrf-onboard` bin: the only file that gets a hashbang.
        output: { banner: (chunk) => (chunk.fileName === CLI_FILE ? '#!/usr/bin/env node' : '') },
      },
    },
    plugins: [executableBinPlugin(CLI_FILE)],
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
    // The channel names come from a table generated from the contract, not from the schemas.
    plugins: [ipcMethodsPlugin()],
  },
  renderer: {
    root: 'src-renderer',
    build: {
      // electron-vite leaves the renderer unminified by default.
      minify: true,
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react(), cspPlugin()],
  },
});
