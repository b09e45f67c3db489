import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three projects: unit (shared + main + integration over real ptys, plain Node),
// renderer (components in jsdom with a fake bridge), e2e (built renderer in Debian Chromium).
export default defineConfig({
  plugins: [react()],
  // The build generates the preload's method table (src-main/preload/ipcMethodsPlugin.ts); tests
  // compute the same table from the contract at run time.
  resolve: {
    alias: {
      'virtual:ipc-methods': fileURLToPath(new URL('./tests/setup/ipcMethods.ts', import.meta.url)),
    },
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'tests/unit/shared/**/*.test.ts',
            'tests/unit/main/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          // Inlined so vi.mock('electron') reaches the electron import inside electron-store.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setup/jsdom.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
