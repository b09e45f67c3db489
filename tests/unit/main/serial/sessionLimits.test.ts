/**
 * The session under devices that talk too much, too slowly or forever (over the scripted mock
 * binding): the reply bounds end floods with REPLY_TOO_LARGE, the idle deadline is reset only by
 * input that may answer the command, and the total deadline ends a device that never finishes.
 */
import { MAX_REPLY_LINES } from '../../../../src-main/serial/atSession';
import { cleanUp, openScripted, rejectionOf } from './sessionHarness';

const PROMPT = '\x1b[1;32muart:~$ \x1b[m';
const LOG = '[00:00:01.000,000] <inf> app: still running\r\n';
const timers: Array<ReturnType<typeof setInterval>> = [];
afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  await cleanUp();
});

/** Emits `next()` every `everyMs` until the test ends (or `next` returns undefined). */
function every(
  everyMs: number,
  emit: (data: string | Uint8Array) => void,
  next: () => string | Uint8Array | undefined,
): void {
  const timer = setInterval(() => {
    const data = next();
    if (data === undefined) clearInterval(timer);
    else emit(data);
  }, everyMs);
  timers.push(timer);
}

const answers = (line: string): string | undefined => {
  if (line === 'AT+CGMM') return 'nRF9160-SICA\r\nOK\r\n';
  if (line.startsWith('AT+CMEE')) return 'OK\r\n';
  return undefined;
};

describe('AtSession reply bounds', () => {
  it('a flood of reply lines is REPLY_TOO_LARGE at the line bound, and the next command works', async () => {
    const { session, notes } = await openScripted(
      (line) => answers(line) ?? (line === 'AT%XFLOOD' ? 'x\r\n'.repeat(5000) : undefined),
    );
    await session.send('AT+CGMM');
    const error = await rejectionOf(session.send('AT%XFLOOD'));
    expect(error.code).toBe('REPLY_TOO_LARGE');
    expect(error.detail).toBe(`${MAX_REPLY_LINES + 1} lines`);
    expect(error.message).toContain(`more than ${MAX_REPLY_LINES} lines`);
    expect(notes().some((n) => n.includes('cut off after'))).toBe(true);
    // The rest of the flood (read in 4 KiB pieces) arrives with no command in flight.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await session.send('AT+CGMM')).lines).toEqual(['nRF9160-SICA']);
  });

  it('a device echoing the command forever is REPLY_TOO_LARGE, not a wait for the deadline', async () => {
    const { session } = await openScripted((line, emit) => {
      if (line === 'AT+CGMM') every(1, emit, () => 'AT+CGMM\r\n'.repeat(50));
      return undefined;
    });
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 5000 }));
    expect(error.code).toBe('REPLY_TOO_LARGE');
    expect(error.detail).toBe(`${MAX_REPLY_LINES + 1} lines`);
  });

  it('log lines do not count as reply lines but their bytes do', async () => {
    const { session } = await openScripted((line) =>
      line === 'AT+CGMM' ? LOG.repeat(2000) : undefined,
    );
    const unsolicited: string[] = [];
    session.onUnsolicited((l) => unsolicited.push(l));
    const error = await rejectionOf(session.send('AT+CGMM'));
    expect(error.code).toBe('REPLY_TOO_LARGE');
    expect(error.detail).toMatch(/^\d+ bytes$/);
    expect(unsolicited.length).toBeGreaterThan(MAX_REPLY_LINES);
  });
});

describe('AtSession idle and total deadlines', () => {
  it('a reply trickling in slower than the idle deadline, but steadily, is read', async () => {
    const { session } = await openScripted((line, emit) => {
      if (line !== 'AT+CGMM') return answers(line);
      const reply = 'nRF9160-SICA\r\nOK\r\n';
      let i = 0;
      // One byte per 40 ms: 0.7 s in all against a 0.2 s idle deadline.
      every(40, emit, () => (i < reply.length ? reply.charAt(i++) : undefined));
      return undefined;
    });
    const reply = await session.send('AT+CGMM', { timeoutMs: 200 });
    expect(reply.lines).toEqual(['nRF9160-SICA']);
    expect(reply.durationMs).toBeGreaterThan(200);
  });

  it.each([
    ['AT host', LOG],
    ['shell', `\r\x1b[K${LOG}${PROMPT}`],
  ])(
    '%s: a device that keeps logging but never answers meets the idle deadline (logs are no answer)',
    async (_name, log) => {
      const { session } = await openScripted((line, emit) => {
        if (line === 'AT+CGMM') every(20, emit, () => log);
        return undefined;
      });
      const error = await rejectionOf(
        session.send('AT+CGMM', { timeoutMs: 200, totalTimeoutMs: 10_000 }),
      );
      expect(error.code).toBe('COMMAND_TIMEOUT');
      expect(error.message).toContain('no reply for 0.2 s');
    },
  );

  it('a device that sends forever without finishing meets the total deadline', async () => {
    const { session } = await openScripted((line, emit) => {
      if (line === 'AT+CGMM') every(20, emit, () => 'A');
      return undefined;
    });
    const error = await rejectionOf(
      session.send('AT+CGMM', { timeoutMs: 200, totalTimeoutMs: 600 }),
    );
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(error.message).toContain('kept sending');
    expect(error.message).toContain('0.6 s');
  });

  it('a silent device is still NO_ANSWER after the idle deadline', async () => {
    const { session } = await openScripted(() => undefined);
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 150 }));
    expect(error.code).toBe('NO_ANSWER');
    expect(error.message).toContain('within 0.15 s');
  });
});

describe('AtSession noise without line ends', () => {
  it('is GARBLED_INPUT as soon as the partial line is noise, not at the line-length bound', async () => {
    let isNoisy = true;
    const { session } = await openScripted((line) => {
      if (line !== 'AT+CGMM') return answers(line);
      if (!isNoisy) return answers(line);
      isNoisy = false;
      // Bytes that are never UTF-8 (0xF8-0xFF) and C1 controls, as a wrong baud rate makes them.
      return Buffer.from(
        Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 0xf8 + (i % 8) : 0x85)),
      );
    });
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 5000 }));
    expect(error.code).toBe('GARBLED_INPUT');
    expect((await session.send('AT+CGMM')).lines).toEqual(['nRF9160-SICA']);
  });

  it('a glitch byte or two before a real reply is no verdict', async () => {
    const { session } = await openScripted((line) =>
      line === 'AT+CGMM'
        ? Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from('nRF9160-SICA\r\nOK\r\n')])
        : answers(line),
    );
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['\ufffd\x00nRF9160-SICA']);
  });
});
