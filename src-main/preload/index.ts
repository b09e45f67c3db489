/**
 * The preload: one function per invoke channel and one subscribe function per event, derived from
 * the contract's method table (generated at build time, see ipcMethodsPlugin.ts, so no schema and
 * no zod is bundled here). It exposes nothing else (never ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methods } from 'virtual:ipc-methods';
import { buildApiFromMethods } from '../../src-shared/ipc/contract';
import type { Api, AppContract } from '../../src-shared/ipc/index';

const api = buildApiFromMethods<AppContract>(methods, {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
}) satisfies Api;

contextBridge.exposeInMainWorld('api', api);
