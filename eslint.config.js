import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'events',
  'util',
  'url',
  'zlib',
  'tty',
  'worker_threads',
];
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Raw IPC is only allowed in src-main/ipc/ (register.ts, electronIpc.ts) and src-main/preload/. Use the typed contract.',
};

// Layering inside src-main (docs/architecture.md): what each zone may not import.
const electronMessage =
  'Only the Electron wiring (main.ts, window.ts, ipc/register.ts, ipc/electronIpc.ts, persistence/electronBackend.ts, preload/) imports Electron; services take what they need as arguments.';
const bans = {
  renderer: {
    patterns: [{ group: ['**/src-renderer/**'], message: 'src-main never imports the renderer.' }],
  },
  rawIpc: { paths: [rawIpc] },
  electron: {
    paths: [
      { name: 'electron', message: electronMessage },
      { name: 'electron-store', message: electronMessage },
    ],
  },
  cli: {
    patterns: [
      {
        regex: '(^|/)cli/',
        message: 'Nothing imports the CLI: commands sit on top of the services, never under them.',
      },
    ],
  },
  handlers: {
    patterns: [
      {
        regex: '(^|/)handlers/',
        message: 'Only services.ts (which assembles the IPC table) imports the IPC handlers.',
      },
    ],
  },
  window: {
    patterns: [
      {
        regex: '(^|/)window$',
        message:
          'Only main.ts opens the window: services never import the Electron wiring (external links: externalLinks.ts).',
      },
    ],
  },
  serial: {
    patterns: [
      {
        regex: '(^|/)serial/',
        message: 'The cloud side knows tokens, not ports: no serial imports.',
      },
    ],
  },
  cloud: {
    patterns: [
      {
        regex: '(^|/)cloud/',
        message: 'The serial side knows ports, not the cloud: no cloud imports.',
      },
    ],
  },
  diagnostics: {
    patterns: [
      {
        regex: '(^|/)diagnostics/',
        message: 'Services do not import diagnostics; diagnostics imports them.',
      },
    ],
  },
};

/** One no-restricted-imports setting from several bans (flat config replaces, never merges, a rule). */
const restrict = (...names) => [
  'error',
  {
    paths: names.flatMap((n) => bans[n].paths ?? []),
    patterns: names.flatMap((n) => bans[n].patterns ?? []),
  },
];

const electronWiring = [
  'src-main/main.ts',
  'src-main/window.ts',
  'src-main/ipc/register.ts',
  'src-main/ipc/electronIpc.ts',
  'src-main/persistence/electronBackend.ts',
  'src-main/preload/**',
];

/** The src-main zones, most specific last so each file gets exactly one setting. */
export const mainLayering = [
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('renderer', 'electron', 'cli', 'handlers', 'window'),
    },
  },
  {
    files: ['src-main/cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'renderer',
        'electron',
        'cli',
        'handlers',
        'window',
        'serial',
        'diagnostics',
      ),
    },
  },
  {
    files: ['src-main/serial/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'renderer',
        'electron',
        'cli',
        'handlers',
        'window',
        'cloud',
        'diagnostics',
      ),
    },
  },
  {
    files: ['src-main/services.ts', 'src-main/handlers/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('renderer', 'electron', 'cli', 'window') },
  },
  {
    files: ['src-main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('renderer', 'electron', 'handlers', 'window') },
  },
  {
    files: electronWiring,
    rules: { 'no-restricted-imports': restrict('renderer', 'rawIpc', 'cli', 'handlers') },
  },
  {
    files: ['src-main/ipc/register.ts', 'src-main/ipc/electronIpc.ts', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': restrict('renderer', 'cli', 'handlers') },
  },
];

// The layering of STYLE.md point 1, held by the linter.
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-shared is pure TypeScript: no electron.' }],
          patterns: [
            { group: nodeBuiltins, message: 'src-shared is pure TypeScript: no Node built-ins.' },
            {
              group: [
                '**/src-main/**',
                '**/src-renderer/**',
                '../../src-main/*',
                '../../src-renderer/*',
              ],
              message: 'src-shared imports nothing of main or renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer never touches electron; go through bridge.ts.',
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer never touches Node.' },
            {
              group: ['**/src-main/**', 'serialport', '@serialport/*'],
              message: 'The renderer never imports main-process code.',
            },
          ],
        },
      ],
    },
  },
  ...mainLayering,
);
