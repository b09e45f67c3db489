/**
 * The BUILT preload (out/preload/index.cjs), as a sandboxed renderer would load it: it may require
 * only `electron`, so it must carry no zod and no schema, and it exposes exactly one function per
 * contract method, each on the right channel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { apiMethods } from '../../src-shared/ipc/contract';
import { contract } from '../../src-shared/ipc/index';

const PRELOAD = resolve('out/preload/index.cjs');

describe('the built preload', () => {
  it('requires only electron and exposes one function per contract method on its channel', async () => {
    expect(existsSync(PRELOAD), `${PRELOAD} is missing: run electron-vite build first`).toBe(true);
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const invoked: Array<[string, unknown]> = [];
    const subscribed: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value),
      },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => invoked.push([channel, input]),
        on: (channel: string) => subscribed.push(channel),
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`the preload required ${name}`);
        return electron;
      },
    });

    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, (arg: unknown) => unknown>;
    const methods = apiMethods(contract);
    expect(Object.keys(api).sort()).toEqual(methods.map((m) => m.method).sort());
    for (const { method, kind, channel } of methods) {
      if (kind === 'invoke') {
        await api[method]?.({ probe: method });
        expect(invoked.at(-1)).toEqual([channel, { probe: method }]);
      } else {
        api[method]?.(() => undefined);
        expect(subscribed.at(-1)).toBe(channel);
      }
    }
  });
});
