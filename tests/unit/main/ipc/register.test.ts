import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { event, invoke, returns } from '../../../../src-shared/ipc/contract';
import { registerHandlers } from '../../../../src-main/ipc/register';
import { createSenderCheck } from '../../../../src-main/ipc/senderCheck';
import { rendererPageMatcher } from '../../../../src-main/rendererPage';

const testContract = {
  ping: invoke('app:ping-now', z.object({ n: z.number() }).strict(), returns<number>()),
  pinged: event('app:pinged-now', returns<number>()),
} as const;

type Handler = (event: unknown, input: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

const ownUrl = 'file:///app/out/renderer/index.html';
const trusted = { sender: { id: 7 }, senderFrame: { url: ownUrl, parent: null } };

describe('registerHandlers with the sender check', () => {
  const setup = () => {
    const ipcMain = fakeIpcMain();
    const handler = vi.fn(({ n }: { n: number }) => n * 2);
    const onRefused = vi.fn();
    const check = createSenderCheck({
      windowWebContentsId: () => 7,
      isOwnPageUrl: rendererPageMatcher({ file: '/app/out/renderer/index.html' }),
    });
    const dispose = registerHandlers(ipcMain as never, testContract, { ping: handler }, check, {
      onRefused,
    });
    return { ipcMain, handler, onRefused, dispose };
  };

  it('registers invoke channels only, and answers our own window', async () => {
    const { ipcMain, handler } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['app:ping-now']);
    await expect(ipcMain.handlers.get('app:ping-now')?.(trusted, { n: 21 })).resolves.toEqual({
      ok: true,
      value: 42,
    });
    expect(handler).toHaveBeenCalledOnce();
  });

  it.each([
    ['another webContents', { sender: { id: 8 }, senderFrame: { url: ownUrl, parent: null } }],
    ['a sub-frame of our window', { sender: { id: 7 }, senderFrame: { url: ownUrl, parent: {} } }],
    [
      'a foreign page in our window',
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    ['a destroyed frame', { sender: { id: 7 }, senderFrame: null }],
  ])('refuses %s with UNTRUSTED_SENDER without running the handler', async (_name, evt) => {
    const { ipcMain, handler, onRefused } = setup();
    const result = await ipcMain.handlers.get('app:ping-now')?.(evt, { n: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(handler).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith('app:ping-now');
  });

  it('removes its handlers when disposed', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
