import { cleanUp, openScripted, openSimulated, rejectionOf } from './sessionHarness';

const PROMPT = '\x1b[1;32muart:~$ \x1b[m';
const LOG = '[00:00:07.000,000] <inf> nrf_provisioning: Externally initiated provisioning';

/** A Zephyr shell answering `at AT` and the raw commands in `commands` (echo, output, prompt). */
function shell(commands: Record<string, string | undefined>) {
  return (typed: string): string | undefined => {
    // Ctrl-U (sent to recover after a timeout) erases the typed line, as the real shell does.
    // eslint-disable-next-line no-control-regex -- Ctrl-U is what this removes
    const line = typed.replace(/^\x15/, '');
    if (line === '') return `\r\n${PROMPT}`;
    if (line === 'at AT') return `${line}\r\nOK\r\r\n\r\n${PROMPT}`;
    if (line.startsWith('at ')) return `${line}\r\nOK\r\r\n\r\n${PROMPT}`;
    if (line in commands) {
      const out = commands[line];
      return out === undefined ? undefined : `${line}\r\n${out}${PROMPT}`;
    }
    return `${line}\r\n\x1b[1;31m${line}: command not found\r\n\x1b[m${PROMPT}`;
  };
}

afterEach(cleanUp);

describe('AtSession.sendShell (raw Zephyr shell commands, docs/protocol.md §2.C, §10)', () => {
  it('runs help on the simulated shell and returns its output, without echo or prompt', async () => {
    const { session, sent } = await openSimulated({ firmware: 'shell' });
    await session.send('AT');
    const reply = await session.sendShell('help');
    expect(reply.command).toBe('help');
    expect(reply.lines).toContain('Available commands:');
    expect(reply.lines.some((l) => /^\s+at\s+:/.test(l))).toBe(true);
    expect(sent()).toContain('help');
    expect(sent()).not.toContain('at help');
  });

  it('sends log lines printed meanwhile to onUnsolicited, not into the reply', async () => {
    const { session } = await openScripted(shell({ 'nrf_provisioning now': `${LOG}\r\n` }));
    await session.send('AT');
    const seen: string[] = [];
    session.onUnsolicited((line) => seen.push(line));
    const reply = await session.sendShell('nrf_provisioning now');
    expect(reply.lines).toEqual([]);
    expect(seen).toEqual([LOG]);
  });

  it('returns error lines and "command not found" as output for the caller to read', async () => {
    const { session } = await openScripted(
      shell({ 'nrf_provisioning now': 'Provisioning library is not initialized\r\n' }),
    );
    await session.send('AT');
    expect((await session.sendShell('nrf_provisioning now')).lines).toEqual([
      'Provisioning library is not initialized',
    ]);
    expect((await session.sendShell('att_cloud provision')).lines).toEqual([
      'att_cloud provision: command not found',
    ]);
  });

  it('is not finished by a prompt redrawn around a log line before the echo', async () => {
    const { session } = await openScripted((line, emit) => {
      if (line !== 'help') return shell({})(line);
      // Log line first (prompt erased and redrawn), then the echo and the real output.
      emit(`\x1b[8D\x1b[J${LOG}\r\n${PROMPT}`);
      setTimeout(
        () => emit(`help\r\nAvailable commands:\r\n  kernel  : Kernel commands\r\n${PROMPT}`),
        5,
      );
      return undefined;
    });
    await session.send('AT');
    expect((await session.sendShell('help')).lines).toEqual([
      'Available commands:',
      '  kernel  : Kernel commands',
    ]);
  });

  it('queues behind an AT command in flight and never interleaves writes', async () => {
    const { session, sent } = await openScripted(shell({ help: 'Available commands:\r\n' }));
    await session.send('AT');
    const [at, help] = await Promise.all([session.send('AT+CFUN=4'), session.sendShell('help')]);
    expect(at.final).toBe('OK');
    expect(help.lines).toEqual(['Available commands:']);
    const tail = sent().slice(-2);
    expect(tail).toEqual(['at AT+CFUN=4', 'help']);
  });

  it('rejects with a timeout when the prompt never returns (silence)', async () => {
    const { session } = await openScripted(shell({ 'kernel reboot warm': undefined }));
    await session.send('AT');
    const error = await rejectionOf(session.sendShell('kernel reboot warm', { timeoutMs: 50 }));
    // It answered `AT` before, so the silence is named as such, with the last answered command.
    expect(error.code).toBe('DEVICE_WENT_SILENT');
    // The session goes on working afterwards.
    expect((await session.send('AT')).final).toBe('OK');
  });

  it('is refused unless the device is a shell', async () => {
    const { session } = await openSimulated({ firmware: 'slm' });
    await session.send('AT');
    const error = await rejectionOf(session.sendShell('help'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/shell command, but the device is in mode slm/);
  });

  it('can be cancelled', async () => {
    const { session } = await openScripted(shell({ 'kernel reboot warm': undefined }));
    await session.send('AT');
    const controller = new AbortController();
    const pending = session.sendShell('kernel reboot warm', { signal: controller.signal });
    controller.abort();
    expect((await rejectionOf(pending)).code).toBe('CANCELLED');
  });
});

describe('AtSession.note and #XNRFPROV notifications', () => {
  it('writes a caller note into the transcript', async () => {
    const { session, notes } = await openSimulated({ firmware: 'at' });
    session.note('sent AT#XNRFPROV: starting provisioning');
    expect(notes()).toContain('sent AT#XNRFPROV: starting provisioning');
  });

  it('delivers #XNRFPROV notifications between commands to onUnsolicited', async () => {
    let emitLater: ((data: string) => void) | undefined;
    const { session } = await openScripted((line, emit) => {
      emitLater = emit;
      return line === '' ? undefined : '\r\nOK\r\n';
    });
    await session.send('AT#XNRFPROV');
    const seen: string[] = [];
    session.onUnsolicited((line) => seen.push(line));
    const arrived = new Promise<void>((resolve) => session.onUnsolicited(() => resolve()));
    emitLater?.('\r\n#XNRFPROV: 1\r\n');
    await arrived;
    expect(seen).toEqual(['#XNRFPROV: 1']);
  });
});
