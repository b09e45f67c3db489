import { describeCmeError } from '../../../../src-shared/at/cmeErrors';
import { AtCommandError } from '../../../../src-main/serial/atSession';
import type { FirmwareFamily } from '../../../../src-main/sim/device/deviceSimulator';
import { cleanUp, openScripted, openSimulated, rejectionOf } from './sessionHarness';

const PROMPT = '\x1b[1;32muart:~$ \x1b[m';
const SHELL_REPLIES: Record<string, string> = {
  'AT+CGMM': 'nRF9160-SICA',
  'AT+CGMR': 'mfw_nrf9160_1.3.2',
  'AT+CMEE=1': '',
};

/** A Zephyr shell whose prompt is too slow to be seen while opening (so detection must use the reply). */
function shellResponder(line: string): string | undefined {
  if (line === '') return undefined;
  const match = /^at (.+)$/.exec(line);
  if (match?.[1] === undefined) {
    return `${line}\r\n\x1b[1;31m${line}: command not found\r\n\x1b[m${PROMPT}`;
  }
  const info = SHELL_REPLIES[match[1]];
  if (info === undefined) return `${line}\r\nERROR\r\r\n\r\n${PROMPT}`;
  return `${line}\r\n${info === '' ? '' : `${info}\r\r\n`}OK\r\r\n\r\n${PROMPT}`;
}

afterEach(cleanUp);

const MODE_OF: Record<FirmwareFamily, string> = { at: 'at-host', slm: 'slm', shell: 'shell' };
const families: FirmwareFamily[] = ['at', 'slm', 'shell'];

describe('AtSession over the three firmware families', () => {
  it.each(families)('%s: answers AT+CGMM and learns the mode from the reply', async (firmware) => {
    const { session, sent } = await openSimulated({ firmware });
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9151-LACA']);
    expect(reply.final).toBe('OK');
    expect(session.mode).toBe(MODE_OF[firmware]);
    expect(reply.mode).toBe(MODE_OF[firmware]);
    // The shell answers the bare line end written at opening with its prompt, so even the first
    // command goes out with the prefix; the other two never get it.
    expect(sent().some((line) => line.startsWith('at '))).toBe(firmware === 'shell');
  });

  it('shell: a plain command answered with echo and "command not found" is resent with the at prefix at once', async () => {
    const { session, sent, notes } = await openScripted(shellResponder);
    expect(session.mode).toBe('unknown');
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9160-SICA']);
    expect(reply.sentAs).toBe('at AT+CGMM');
    expect(session.mode).toBe('shell');
    expect(sent().slice(0, 2)).toEqual(['AT+CGMM', 'at AT+CGMM']);
    expect(notes().some((n) => n.includes('command not found'))).toBe(true);
  });

  it('shell: an echo followed by the prompt (no "command not found" line) also means shell', async () => {
    const { session, sent } = await openScripted((line) =>
      line === 'AT+CGMM' ? `${line}\r\n${PROMPT}` : shellResponder(line),
    );
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9160-SICA']);
    expect(sent().slice(0, 2)).toEqual(['AT+CGMM', 'at AT+CGMM']);
  });

  it('shell: remembers the mode, so the second command goes straight out with the prefix', async () => {
    const { session, sent } = await openScripted(shellResponder);
    await session.send('AT+CGMM');
    const before = sent().length;
    const reply = await session.send('AT+CGMR');
    expect(reply.lines).toEqual(['mfw_nrf9160_1.3.2']);
    expect(sent().slice(before)).toEqual(['at AT+CGMR']);
    expect(sent()).toContain('at AT+CMEE=1');
    expect(sent()).not.toContain('AT+CGMR');
  });

  it('shell: a prompt seen while opening means the first command already carries the prefix', async () => {
    const { session, sent, notes } = await openSimulated({ firmware: 'shell', bootOutput: true });
    expect(session.mode).toBe('shell');
    await session.send('AT+CGSN');
    expect(sent()).not.toContain('AT+CGSN');
    expect(sent()).toContain('at AT+CGSN');
    expect(notes().some((n) => n.includes('prompt'))).toBe(true);
  });

  it('shell: a command with double quotes is single-quoted', async () => {
    const { session } = await openSimulated({ firmware: 'shell' });
    const nonce = '00112233445566778899aabbccddeeff';
    const reply = await session.send(`AT%ATTESTTOKEN="${nonce}"`);
    expect(reply.sentAs).toBe(`at 'AT%ATTESTTOKEN="${nonce}"'`);
    expect(reply.lines[0]).toMatch(/^%ATTESTTOKEN: "2dn3/);
  });

  it('slm: Ready at boot and blank-line framing both say SLM; never the at prefix', async () => {
    const { session, sent } = await openSimulated({ firmware: 'slm', bootOutput: true });
    await session.send('AT+CGMM');
    await session.send('AT+CGSN');
    expect(session.mode).toBe('slm');
    expect(sent().every((line) => !line.startsWith('at '))).toBe(true);
  });

  it('a wrong remembered mode is dropped when the reply contradicts it', async () => {
    const { session, sent } = await openSimulated({ firmware: 'at' }, { knownMode: 'shell' });
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9151-LACA']);
    expect(session.mode).toBe('at-host');
    expect(sent().slice(0, 2)).toEqual(['at AT+CGMM', 'AT+CGMM']);
  });

  it('enables numbered errors once the mode is known', async () => {
    const { session, sent } = await openSimulated({ firmware: 'at' });
    await session.send('AT+CGMM');
    await session.send('AT+CGMR');
    expect(sent().filter((line) => line === 'AT+CMEE=1')).toHaveLength(1);
  });
});

describe('AtSession reply handling', () => {
  it.each(families)(
    '%s: retries the first command once when it gets the power-up ERROR',
    async (firmware) => {
      const { session, sent, notes } = await openSimulated({ firmware, firstCommandError: true });
      const reply = await session.send('AT+CGMM');
      expect(reply.lines).toEqual(['nRF9151-LACA']);
      const wire = firmware === 'shell' ? 'at AT+CGMM' : 'AT+CGMM';
      expect(sent().filter((line) => line === wire)).toHaveLength(2);
      expect(notes().some((n) => n.includes('first command'))).toBe(true);
    },
  );

  it('does not retry an ERROR after the first command', async () => {
    const { session, sent } = await openSimulated({ firmware: 'at', attestSupported: false });
    await session.send('AT+CGMM');
    const error = await rejectionOf(
      session.send('AT+CMEE=0').then(() => session.send('AT%ATTESTTOKEN')),
    );
    expect(error.code).toBe('AT_ERROR');
    expect(sent().filter((line) => line === 'AT%ATTESTTOKEN')).toHaveLength(1);
  });

  it('turns +CME ERROR codes into plain words', async () => {
    const { session } = await openSimulated({ firmware: 'shell', attestSupported: false });
    await session.send('AT+CGMM');
    const error = await rejectionOf(session.send('AT%ATTESTTOKEN'));
    expect(error.code).toBe('AT_CME_ERROR');
    expect(error.message).toContain('The modem does not know the command AT%ATTESTTOKEN');
    expect(error).toBeInstanceOf(AtCommandError);
    expect((error as AtCommandError).reply.final).toEqual({ cme: 0 });
    const badParameter = await rejectionOf(session.send('AT+CFUN=7'));
    expect(badParameter.message).toContain(describeCmeError(50));
  });

  it.each(families)(
    '%s: a mistyped command is an unknown command, not a firmware update hint',
    async (firmware) => {
      const { session } = await openSimulated({ firmware });
      await session.send('AT+CGMM');
      const error = await rejectionOf(session.send('AT+CGMX'));
      expect(error.message).toBe(
        'The modem does not know the command AT+CGMX (+CME ERROR: 0). Check its spelling; a correct command that this modem firmware lacks is answered the same way.',
      );
      expect(error.message).not.toMatch(/update/i);
    },
  );

  it.each(families)('%s: reads replies that arrive byte by byte', async (firmware) => {
    const { session } = await openSimulated({ firmware, chunking: { maxChunkBytes: 1, gapMs: 0 } });
    const reply = await session.send('AT%ATTESTTOKEN');
    expect(reply.lines).toHaveLength(1);
    expect(reply.lines[0]).toMatch(/^%ATTESTTOKEN: "2dn3[\w-]+\.0oRD[\w-]+"$/);
  });

  it.each(families)('%s: reads replies that arrive in 7-byte chunks', async (firmware) => {
    const { session } = await openSimulated({ firmware, chunking: { maxChunkBytes: 7, gapMs: 1 } });
    const reply = await session.send('AT+CGSN');
    expect(reply.lines).toHaveLength(1);
    expect(reply.lines[0]).toMatch(/^\d{15}$/);
  });

  it.each([
    ['at', { unsolicitedEveryMs: 5 }],
    ['slm', { unsolicitedEveryMs: 5 }],
    ['shell', { logLinesEveryMs: 5, unsolicitedEveryMs: 5 }],
  ] as const)(
    '%s: unsolicited and log lines during a reply go to onUnsolicited, not the reply',
    async (firmware, extra) => {
      const { session } = await openSimulated({ firmware, replyDelayMs: 40, ...extra });
      const seen: string[] = [];
      session.onUnsolicited((line) => seen.push(line));
      const first = await session.send('AT+CGMM');
      const second = await session.send('AT+CGMR');
      expect(first.lines).toEqual(['nRF9151-LACA']);
      expect(second.lines).toEqual(['mfw_nrf91x1_2.0.2']);
      expect(seen.length).toBeGreaterThan(0);
    },
  );

  it('serves two commands issued at once, in order', async () => {
    const { session, sent } = await openSimulated({ firmware: 'shell' });
    const [model, version] = await Promise.all([session.send('AT+CGMM'), session.send('AT+CGMR')]);
    expect(model.lines).toEqual(['nRF9151-LACA']);
    expect(version.lines).toEqual(['mfw_nrf91x1_2.0.2']);
    const order = sent().filter((line) => /CGM[MR]/.test(line));
    expect(order).toEqual(['at AT+CGMM', 'at AT+CGMR']);
  });

  it('reports a shell error from the modem library as SHELL_COMMAND_FAILED', async () => {
    const { session } = await openScripted((line) => {
      if (line === '') return '\r\n\x1b[1;32muart:~$ \x1b[m';
      if (line === 'at AT+CFUN?') {
        return `${line}\r\n\x1b[1;31mSending AT command failed with error code -8\r\n\x1b[m\x1b[1;32muart:~$ \x1b[m`;
      }
      return undefined;
    });
    const error = await rejectionOf(session.send('AT+CFUN?'));
    expect(error.code).toBe('SHELL_COMMAND_FAILED');
    expect(error.message).toContain('-8');
  });

  it('says so when the shell has no at command', async () => {
    const { session } = await openScripted((line) => {
      if (line === '') return '\r\n\x1b[1;32muart:~$ \x1b[m';
      const name = line.split(' ')[0] ?? '';
      return `${line}\r\n\x1b[1;31m${name}: command not found\r\n\x1b[m\x1b[1;32muart:~$ \x1b[m`;
    });
    const error = await rejectionOf(session.send('AT+CGMM'));
    expect(error.code).toBe('SHELL_COMMAND_FAILED');
    expect(error.message).toContain('without the `at` command');
  });
});

describe('AtSession deadlines, cancellation and closing', () => {
  it('a silent device costs one timeout and is reported as NO_ANSWER', async () => {
    const { session } = await openSimulated({ firmware: 'at', silent: true });
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 150 }));
    expect(error.code).toBe('NO_ANSWER');
    expect(error.message).toContain('check the port is the AT port');
  });

  it('a device that answered four commands and then fell silent says so and names the last one', async () => {
    let answered = 0;
    const { session } = await openScripted((line) => {
      if (line === '' || answered >= 5) return undefined;
      answered++;
      return line.startsWith('AT+CGMM') ? 'nRF9160-SICA\r\nOK\r\n' : 'OK\r\n';
    });
    await session.send('AT');
    await session.send('AT+CGMM');
    await session.send('AT+CGMR');
    await session.send('AT+CGSN');
    const error = await rejectionOf(session.send('AT%ATTESTTOKEN', { timeoutMs: 150 }));
    expect(error.code).toBe('DEVICE_WENT_SILENT');
    // The session's own AT+CMEE=1 (answered too) is not the caller's and is not counted.
    expect(error.message).toBe(
      'The device answered 4 commands on this port (the last was AT+CGSN), then fell silent: no reply to AT%ATTESTTOKEN within 0.15 s.',
    );
    expect(error.message).not.toMatch(/AT port/);
  });

  it('a reply without a final result is COMMAND_TIMEOUT, and the next command still works', async () => {
    let calls = 0;
    const { session, sent } = await openScripted((line) => {
      if (line === 'AT+CGMM') return ++calls === 1 ? 'nRF9160-SICA\r\n' : 'nRF9160-SICA\r\nOK\r\n';
      if (line.includes('AT+CMEE')) return 'OK\r\n';
      return undefined;
    });
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 150 }));
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(error.detail).toBe('nRF9160-SICA');
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9160-SICA']);
    expect(sent().filter((l) => l === 'AT+CGMM')).toHaveLength(2);
  });

  it('shell: after a timeout the next command starts with Ctrl-U to clear a half-typed line', async () => {
    let isFirst = true;
    const { session, sent, notes } = await openScripted((line) => {
      if (line === 'at AT+CGMM' && isFirst) {
        isFirst = false;
        return `${line}\r\n`;
      }
      return shellResponder(line.startsWith('\x15') ? line.slice(1) : line);
    });
    await session.send('AT+CGMR');
    const error = await rejectionOf(session.send('AT+CGMM', { timeoutMs: 150 }));
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect((await session.send('AT+CGMM')).lines).toEqual(['nRF9160-SICA']);
    expect(sent().at(-1)).toBe('\\x15at AT+CGMM');
    expect(notes().some((n) => n.includes('Ctrl-U'))).toBe(true);
  });

  it('an AbortSignal cancels the command in flight and a queued one', async () => {
    const { session } = await openSimulated({ firmware: 'at', silent: true });
    const inFlight = new AbortController();
    const queued = new AbortController();
    const first = session.send('AT+CGMM', { signal: inFlight.signal, timeoutMs: 5000 });
    const second = session.send('AT+CGMR', { signal: queued.signal, timeoutMs: 5000 });
    queued.abort();
    expect((await rejectionOf(second)).code).toBe('CANCELLED');
    inFlight.abort();
    expect((await rejectionOf(first)).code).toBe('CANCELLED');
    expect((await rejectionOf(session.send('AT', { signal: AbortSignal.abort() }))).code).toBe(
      'CANCELLED',
    );
  });

  it('closing mid-command rejects it with PORT_CLOSED and reports a clean close', async () => {
    const { session } = await openSimulated({ firmware: 'at', silent: true });
    const reasons: unknown[] = [];
    session.onClose((reason) => reasons.push(reason));
    const pending = session.send('AT+CGMM', { timeoutMs: 5000 });
    const queued = session.send('AT+CGMR', { timeoutMs: 5000 });
    await session.close();
    expect((await rejectionOf(pending)).code).toBe('PORT_CLOSED');
    expect((await rejectionOf(queued)).code).toBe('PORT_CLOSED');
    expect((await rejectionOf(session.send('AT'))).code).toBe('PORT_CLOSED');
    expect(reasons).toEqual([undefined]);
  });

  it.each(families)(
    '%s: a device that vanishes mid-reply rejects with PORT_GONE and closes the session',
    async (firmware) => {
      const { session, simulator } = await openSimulated({ firmware, disappearAfterBytes: 60 });
      const closed = new Promise((resolve) => session.onClose(resolve));
      const error = await rejectionOf(session.send('AT%ATTESTTOKEN'));
      expect(error.code).toBe('PORT_GONE');
      expect(await closed).toMatchObject({ code: 'PORT_GONE' });
      expect((await rejectionOf(session.send('AT'))).code).toBe('PORT_GONE');
      expect(simulator.state).toBe('gone');
    },
  );
});

describe('AtSession bad input', () => {
  it('1 MiB without a line end is LINE_TOO_LONG, and then the session still works', async () => {
    const { session } = await openScripted((line) => {
      if (line === 'AT+CGMM') return 'nRF9160-SICA\r\nOK\r\n';
      if (line === 'AT%XFLOOD') return Buffer.alloc(1024 * 1024, 0x41);
      if (line.startsWith('AT+CMEE')) return 'OK\r\n';
      return undefined;
    });
    await session.send('AT+CGMM');
    const error = await rejectionOf(session.send('AT%XFLOOD'));
    expect(error.code).toBe('LINE_TOO_LONG');
    // Let the rest of the flood (read in 4 KiB pieces) arrive; a flood still running fails the next command too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reply = await session.send('AT+CGMM');
    expect(reply.lines).toEqual(['nRF9160-SICA']);
  });

  it('noise from a wrong baud rate is GARBLED_INPUT, and then the session still works', async () => {
    let isNoisy = true;
    const { session } = await openScripted((line) => {
      if (line !== 'AT+CGMM') return undefined;
      if (isNoisy) {
        isNoisy = false;
        return Buffer.from([0xe0, 0x80, 0xfc, 0x1c, 0xf0, 0x86, 0x00, 0xfe, 0x98, 0x0a]);
      }
      return 'nRF9160-SICA\r\nOK\r\n';
    });
    const error = await rejectionOf(session.send('AT+CGMM'));
    expect(error.code).toBe('GARBLED_INPUT');
    expect((await session.send('AT+CGMM')).lines).toEqual(['nRF9160-SICA']);
  });

  it('rejects a command that is not one printable line', async () => {
    const { session } = await openSimulated({ firmware: 'at' });
    expect((await rejectionOf(session.send('AT\r\nAT+CFUN=0'))).code).toBe('VALIDATION_FAILED');
    expect((await rejectionOf(session.send('   '))).code).toBe('VALIDATION_FAILED');
  });
});

describe('AtSession opening', () => {
  it('asserts DTR and RTS and writes one bare line end', async () => {
    const { setCalls, sent, transcript } = await openScripted(() => undefined);
    expect(setCalls).toEqual([{ dtr: true, rts: true }]);
    expect(transcript.find((e) => e.dir === 'tx')?.text).toBe('');
    expect(sent()).toEqual([]);
  });

  it('maps open failures through the classifier', async () => {
    const missing = await rejectionOf(openSimulated({ firmware: 'at' }, { path: '/dev/ttyNOPE' }));
    expect(missing.code).toBe('PORT_NOT_FOUND');
    const { binding } = await openSimulated({ firmware: 'at' });
    const { AtSession } = await import('../../../../src-main/serial/atSession');
    const busy = await rejectionOf(AtSession.open({ path: '/dev/ttySIM0', binding }));
    expect(busy.code).toBe('PORT_BUSY');
    expect(busy.message).toContain('in use');
  });
});
