import { describe, expect, it, vi } from 'vitest';

// The sandboxed preload gets its channel names from a table generated at build time: loading it
// must not load zod (or any schema). Any import of zod in its module graph fails this file.
vi.mock('zod', () => {
  throw new Error('the preload loaded zod');
});

const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value) },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

describe('the preload without schemas', () => {
  it('builds window.api from the generated method table alone', async () => {
    await import('../../../src-main/preload/index');
    const api = exposed.api as Record<string, unknown>;
    expect(typeof api.attest).toBe('function');
    expect(typeof api.onDevicesChanged).toBe('function');
  });
});
