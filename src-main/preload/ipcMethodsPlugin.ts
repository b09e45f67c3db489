/**
 * Build-time half of the preload: a virtual module `virtual:ipc-methods` holding the contract's
 * method table (method name, kind, channel) as plain data. The contract is evaluated here, in
 * Node, when the build (or vitest) loads its config, so the sandboxed preload bundles neither the
 * zod schemas nor zod itself.
 */
import type { Plugin } from 'vite';
import { apiMethods } from '../../src-shared/ipc/contract';
import { contract } from '../../src-shared/ipc/index';

export const IPC_METHODS_MODULE = 'virtual:ipc-methods';
const RESOLVED_ID = `\0${IPC_METHODS_MODULE}`;

/** The module's source: one exported array, nothing to import. */
export const ipcMethodsSource = (): string =>
  `export const methods = ${JSON.stringify(apiMethods(contract))};\n`;

/** Serves `virtual:ipc-methods` to the preload build and to tests that import the preload. */
export const ipcMethodsPlugin = (): Plugin => ({
  name: 'onboarder-ipc-methods',
  resolveId: (id) => (id === IPC_METHODS_MODULE ? RESOLVED_ID : undefined),
  load: (id) => (id === RESOLVED_ID ? ipcMethodsSource() : undefined),
});
