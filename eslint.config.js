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
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/ipc/register.ts', 'src-main/ipc/electronIpc.ts', 'src-main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [rawIpc],
          patterns: [
            { group: ['**/src-renderer/**'], message: 'src-main never imports the renderer.' },
          ],
        },
      ],
    },
  },
);
