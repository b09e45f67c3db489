import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../../src-shared/ipc/contract';
import { contract } from '../../../src-shared/ipc/index';

const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  invoke: vi.fn(async () => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value) },
  ipcRenderer,
}));

describe('the preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    await import('../../../src-main/preload/index');
  });

  it('exposes exactly one `api` object with one function per contract method, and nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      apiMethods(contract)
        .map((m) => m.method)
        .sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('forwards an invoke to its channel and subscribes with an unsubscribe function', async () => {
    const api = exposed.api as Record<string, (...args: unknown[]) => unknown>;
    await api.attest?.({ sessionId: 's1', requestId: 'r1' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('serial:read-token', {
      sessionId: 's1',
      requestId: 'r1',
    });

    const listener = vi.fn();
    const off = api.onDevicesChanged?.(listener) as () => void;
    const [[channel, handler]] = ipcRenderer.on.mock.calls as unknown as [
      [string, (e: unknown, p: unknown) => void],
    ];
    expect(channel).toBe('serial:devices-changed');
    handler({ sender: 'hidden' }, { devices: [] });
    expect(listener).toHaveBeenCalledWith({ devices: [] });
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('serial:devices-changed', handler);
  });
});
