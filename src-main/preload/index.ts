/**
 * The preload: one function per invoke channel and one subscribe function per event, derived from
 * the contract. It exposes nothing else (never ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../../src-shared/ipc/contract';
import { contract, type Api } from '../../src-shared/ipc/index';

const api = buildApi(contract, {
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
