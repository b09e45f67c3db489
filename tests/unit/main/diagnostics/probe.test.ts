import {
  probePorts,
  toErrorData,
  type ProbeDeps,
  type ProbeSession,
} from '../../../../src-main/diagnostics/probe';
import { AppError } from '../../../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../../../src-shared/ipc/serial';

type Behaviour =
  | { mode: FirmwareMode; final?: string }
  | { openError: unknown }
  | { sendError: unknown }
  | { hang: 'open' | 'send' };

function fakeDevices(table: Record<string, Behaviour>) {
  const opened: string[] = [];
  const closed: string[] = [];
  const sent: Array<[string, string]> = [];
  let active = 0;
  let maxActive = 0;
  const openSession = async (path: string): Promise<ProbeSession> => {
    const b = table[path];
    if (!b) throw new Error(`Error: No such file or directory, cannot open ${path}`);
    if ('openError' in b) throw b.openError;
    if ('hang' in b && b.hang === 'open') return new Promise<ProbeSession>(() => undefined);
    opened.push(path);
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise((r) => setTimeout(r, 5));
    return {
      async send(command, options) {
        sent.push([path, command]);
        if ('sendError' in b) throw b.sendError;
        if ('hang' in b) {
          return new Promise((_, reject) =>
            options?.signal?.addEventListener('abort', () =>
              reject(new AppError('CANCELLED', 'aborted')),
            ),
          );
        }
        if ('mode' in b) return { final: b.final ?? 'OK', mode: b.mode, lines: [] };
        throw new Error('unreachable');
      },
      async close() {
        active--;
        closed.push(path);
      },
    };
  };
  return { openSession, opened, closed, sent, maxActive: () => maxActive };
}

describe('probePorts', () => {
  it('labels each firmware family from the session mode, sends AT once, closes every port', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': { mode: 'at-host' },
      '/dev/ttyACM1': { mode: 'shell' },
      '/dev/ttyACM2': { mode: 'slm' },
      '/dev/ttyACM3': { mode: 'unknown', final: 'OK' },
    });
    const results = await probePorts(
      ['/dev/ttyACM0', '/dev/ttyACM1', '/dev/ttyACM2', '/dev/ttyACM3'],
      { openSession: fake.openSession },
    );
    expect(results.map((r) => [r.path, r.verdict, r.label])).toEqual([
      ['/dev/ttyACM0', 'at-host', 'AT host, answers'],
      ['/dev/ttyACM1', 'shell', 'Zephyr shell: needs `at ` prefix'],
      ['/dev/ttyACM2', 'slm', 'Serial LTE Modem'],
      ['/dev/ttyACM3', 'at-host', 'AT host, answers'],
    ]);
    expect(fake.sent).toHaveLength(4);
    expect(fake.sent.every(([, c]) => c === 'AT')).toBe(true);
    expect(fake.closed.sort()).toEqual(fake.opened.sort());
    expect(results.every((r) => r.durationMs >= 0)).toBe(true);
  });

  it('accepts PortInfo objects', async () => {
    const fake = fakeDevices({ '/dev/ttyACM0': { mode: 'at-host' } });
    const [r] = await probePorts([{ path: '/dev/ttyACM0', vendorId: '1915' }], {
      openSession: fake.openSession,
    });
    expect(r?.verdict).toBe('at-host');
  });

  it('never opens a port the app has open', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': { mode: 'at-host' },
      '/dev/ttyACM1': { mode: 'at-host' },
    });
    const results = await probePorts(['/dev/ttyACM0', '/dev/ttyACM1'], {
      openSession: fake.openSession,
      isInUseByApp: (p) => p === '/dev/ttyACM0',
    });
    expect(results[0]).toMatchObject({ verdict: 'in-use-by-app' });
    expect(fake.opened).toEqual(['/dev/ttyACM1']);
  });

  it('names the holder of a busy port', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': { openError: new AppError('PORT_BUSY', 'Cannot lock port') },
    });
    const deps: ProbeDeps = {
      openSession: fake.openSession,
      findHolders: async () => [{ pid: 1234, command: 'minicom' }],
    };
    const [r] = await probePorts(['/dev/ttyACM0'], deps);
    expect(r).toMatchObject({
      verdict: 'busy',
      label: 'busy (held by minicom, pid 1234)',
      holders: [{ pid: 1234, command: 'minicom' }],
    });
    expect(r?.error?.code).toBe('PORT_BUSY');
    const [plain] = await probePorts(['/dev/ttyACM0'], {
      openSession: fake.openSession,
      findHolders: async () => [],
    });
    expect(plain?.label).toBe('busy');
  });

  it('maps raw open failures through the serial classifier by default', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': {
        openError: new Error('Error: Permission denied, cannot open /dev/ttyACM0'),
      },
      '/dev/ttyACM1': { openError: new Error('Opening COM3: Access denied') },
      '/dev/ttyACM2': { openError: new AppError('PORT_PERMISSION_DENIED', 'Permission denied') },
      '/dev/ttyACM3': { openError: new Error('something odd') },
    });
    const paths = ['/dev/ttyACM0', '/dev/ttyACM1', '/dev/ttyACM2', '/dev/ttyACM3', '/dev/ttyACM9'];
    const results = await probePorts(paths, { openSession: fake.openSession });
    expect(results.map((r) => r.verdict)).toEqual([
      'permission-denied',
      'busy',
      'permission-denied',
      'error',
      'gone',
    ]);
    expect(results[3]?.error).toMatchObject({ code: 'PORT_OPEN_FAILED', detail: 'something odd' });
    expect(results[4]?.error?.detail).toContain('No such file');
  });

  it('uses an injected classifier', async () => {
    const fake = fakeDevices({ '/dev/x': { openError: new Error('weird') } });
    const classify = (_e: unknown, path: string) => ({ code: 'PORT_GONE' as const, message: path });
    const [r] = await probePorts(['/dev/x'], { openSession: fake.openSession, classify });
    expect(r).toMatchObject({ verdict: 'gone', error: { code: 'PORT_GONE', message: '/dev/x' } });
    expect(toErrorData(new AppError('NO_ANSWER', 'n'), '/dev/x')).toEqual({
      code: 'NO_ANSWER',
      message: 'n',
    });
  });

  it('reports silence, gone during send and ERROR answers, and still closes', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': { sendError: new AppError('NO_ANSWER', 'No answer') },
      '/dev/ttyACM1': { sendError: new AppError('PORT_GONE', 'Device not configured') },
      '/dev/ttyACM2': { sendError: new AppError('AT_ERROR', 'ERROR') },
      '/dev/ttyACM3': { sendError: new AppError('INTERNAL', 'boom') },
      '/dev/ttyACM4': { mode: 'unknown', final: '' },
    });
    const paths = ['/dev/ttyACM0', '/dev/ttyACM1', '/dev/ttyACM2', '/dev/ttyACM3', '/dev/ttyACM4'];
    const results = await probePorts(paths, { openSession: fake.openSession });
    expect(results.map((r) => r.verdict)).toEqual([
      'no-answer',
      'gone',
      'at-host',
      'error',
      'no-answer',
    ]);
    expect(results[2]?.label).toBe('AT host, answers ERROR');
    expect(results[3]?.label).toBe('error: boom');
    expect(fake.closed.sort()).toEqual(paths);
  });

  it('reads the firmware family from an AT error that carries its reply', async () => {
    const withReply = (mode: FirmwareMode) =>
      Object.assign(new AppError('AT_ERROR', 'ERROR'), {
        reply: { command: 'AT', sentAs: 'at AT', lines: [], final: 'ERROR', mode, durationMs: 1 },
      });
    const fake = fakeDevices({
      '/dev/a': { sendError: withReply('shell') },
      '/dev/b': { sendError: withReply('unknown') },
    });
    const results = await probePorts(['/dev/a', '/dev/b'], { openSession: fake.openSession });
    expect(results.map((r) => [r.verdict, r.label])).toEqual([
      ['shell', 'Zephyr shell: needs `at ` prefix (answered ERROR)'],
      ['at-host', 'AT host, answers ERROR'],
    ]);
  });

  it('gives up on a port that hangs at open or send after the deadline, closing what it opened', async () => {
    const fake = fakeDevices({
      '/dev/ttyACM0': { hang: 'open' },
      '/dev/ttyACM1': { hang: 'send' },
    });
    const results = await probePorts(['/dev/ttyACM0', '/dev/ttyACM1'], {
      openSession: fake.openSession,
      timeoutMs: 50,
    });
    expect(results.map((r) => r.verdict)).toEqual(['no-answer', 'no-answer']);
    expect(fake.closed).toEqual(['/dev/ttyACM1']);
  });

  it('closes a session whose open finished after the deadline', async () => {
    const closed: string[] = [];
    const openSession = (path: string) =>
      new Promise<ProbeSession>((resolve) =>
        setTimeout(
          () =>
            resolve({
              send: async () => ({ final: 'OK', mode: 'at-host' }),
              close: async () => void closed.push(path),
            }),
          80,
        ),
      );
    const [r] = await probePorts(['/dev/slow'], { openSession, timeoutMs: 20 });
    expect(r?.verdict).toBe('no-answer');
    await vi.waitFor(() => expect(closed).toEqual(['/dev/slow']));
  });

  it('runs at most `concurrency` probes at once and keeps the input order', async () => {
    const table: Record<string, Behaviour> = {};
    const paths = Array.from({ length: 10 }, (_, i) => `/dev/ttyS${i}`);
    for (const p of paths) table[p] = { mode: 'at-host' };
    const fake = fakeDevices(table);
    const results = await probePorts(paths, { openSession: fake.openSession, concurrency: 3 });
    expect(results.map((r) => r.path)).toEqual(paths);
    expect(fake.maxActive()).toBeLessThanOrEqual(3);
    expect(fake.maxActive()).toBeGreaterThan(1);
    expect(await probePorts([], { openSession: fake.openSession })).toEqual([]);
  });
});
