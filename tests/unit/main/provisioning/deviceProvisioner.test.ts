import {
  detectFamily,
  startDeviceProvisioning,
  type DeviceProvisioningOptions,
} from '../../../../src-main/provisioning/deviceProvisioner';
import type { FamilyDetection } from '../../../../src-shared/provisioning/family';
import type { ProvisioningEvent } from '../../../../src-shared/provisioning/model';
import { AppError } from '../../../../src-shared/ipc/errors';
import { summarize } from '../../shared/provisioning/lineForms';
import { FakeSession, type Script } from './fakeSession';

const HELP = (extra: string): string[] => [
  'Available commands:',
  '  at                : Execute an AT command',
  '  kernel            : Kernel commands',
  `  ${extra.padEnd(18)}: some commands`,
];
const detected = (family: FamilyDetection['family']): FamilyDetection => ({
  family,
  reason: 'test',
});
const LOG = (text: string): string => `[00:00:09.000,000] ${text}`;

function start(
  session: FakeSession,
  family: FamilyDetection['family'],
  extra: Partial<DeviceProvisioningOptions> = {},
) {
  const events: ProvisioningEvent[] = [];
  const started = startDeviceProvisioning({
    session,
    detection: detected(family),
    onEvent: (e) => events.push(e),
    wait: () => Promise.resolve(),
    ...extra,
  });
  return { started, events, names: () => events.map(summarize) };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A Serial Modem script: LTE already on (`+CFUN: 1`) unless `script` answers AT+CFUN? itself. */
const sm =
  (script: Script = () => undefined): Script =>
  (command, session) =>
    script(command, session) ?? (command === 'AT+CFUN?' ? { lines: ['+CFUN: 1'] } : undefined);

describe('detectFamily', () => {
  it.each([
    ['nrf_provisioning', 'shell'],
    ['att_cloud', 'att'],
    ['location', 'none'],
  ] as const)('shell whose help lists %s -> %s', async (command, family) => {
    const session = new FakeSession('shell', (c) =>
      c === 'help' ? { lines: HELP(command) } : undefined,
    );
    const found = await detectFamily(session);
    expect(found.family).toBe(family);
    expect(session.sent).toEqual(['shell:help']);
    expect(session.notes.at(-1)).toBe(`provisioning client: ${family}, because ${found.reason}`);
  });

  it('a shell that does not answer help: none, and says so', async () => {
    const session = new FakeSession('shell', () => ({
      error: new AppError('NO_ANSWER', 'No reply'),
    }));
    expect(await detectFamily(session)).toEqual({
      family: 'none',
      reason: '`help` did not answer (NO_ANSWER)',
    });
  });

  it.each([
    ['slm', { lines: ['#XNRFPROV'] }, 'serial-modem'],
    ['slm', { final: 'ERROR' }, 'none'],
    ['at-host', { final: 'ERROR' }, 'at-host'],
    ['at-host', { error: new AppError('NO_ANSWER', 'silent') }, 'at-host'],
  ] as const)('%s answering AT#XNRFPROV=? with %j -> %s', async (mode, answer, family) => {
    const session = new FakeSession(mode, (c) => (c === 'AT#XNRFPROV=?' ? answer : undefined));
    expect((await detectFamily(session)).family).toBe(family);
    expect(session.sent).toEqual(['AT#XNRFPROV=?']);
  });

  it('sends AT first when the mode is not known yet', async () => {
    const session = new FakeSession('unknown', (c, s) => {
      if (c === 'AT') s.mode = 'slm';
      return c === 'AT#XNRFPROV=?' ? { lines: ['#XNRFPROV'] } : undefined;
    });
    expect((await detectFamily(session)).family).toBe('serial-modem');
    expect(session.sent).toEqual(['AT', 'AT#XNRFPROV=?']);
  });

  it('rejects with CANCELLED when aborted', async () => {
    const session = new FakeSession('shell', () => ({ isSilent: true }));
    const controller = new AbortController();
    const pending = detectFamily(session, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('startDeviceProvisioning: shell (nrf_provisioning now, docs/protocol.md §10)', () => {
  it.each([
    ['the prompt returning with nothing', { lines: [] }, /without a word/],
    [
      'silence (lib-new prints nothing)',
      { error: new AppError('NO_ANSWER', 'silent') },
      /no answer yet/,
    ],
    [
      'silence after earlier answers (DEVICE_WENT_SILENT)',
      { error: new AppError('DEVICE_WENT_SILENT', 'silent') },
      /no answer yet/,
    ],
  ] as const)('accepts %s and reads the log on', async (_, answer, text) => {
    const session = new FakeSession('shell', () => answer);
    const { started, names, events } = start(session, 'shell');
    const run = await started;
    expect(run.outcome).toMatchObject({ kind: 'triggered', family: 'shell' });
    expect(session.sent).toEqual(['shell:nrf_provisioning now']);
    expect(events[0]).toMatchObject({ kind: 'stage', stage: 'triggered', source: 'app' });
    expect(events[0]?.text).toMatch(text);
    session.print(
      LOG('<inf> nrf_provisioning_coap: Processing commands'),
      LOG('<inf> lte_lc: Network registration status: searching'),
      LOG('<inf> nrf_provisioning: Disconnected from network - provisioning paused'),
      LOG('<inf> nrf_provisioning_coap: Finished'),
    );
    expect(names()).toEqual([
      'stage:triggered',
      'stage:commands-received',
      'lte:down',
      'stage:finished',
    ]);
    run.stop();
  });

  it('accepts the lib-old / lib-mid line printed as a log line while the command runs', async () => {
    const session = new FakeSession('shell', (_c, s) => {
      s.print(LOG('<inf> nrf_provisioning: Externally initiated provisioning'));
      return { lines: [] };
    });
    const { started, names } = start(session, 'shell');
    (await started).stop();
    expect(names()).toEqual(['stage:triggered', 'stage:triggered']);
  });

  it.each([
    'Provisioning library is not initialized',
    'Provisioning failed, err -22',
    'nrf_provisioning: command not found',
  ])('takes the error line %j as a refused trigger and stops reading', async (line) => {
    const session = new FakeSession('shell', () => ({ lines: [line] }));
    const { started, names } = start(session, 'shell');
    const run = await started;
    expect(run.outcome).toEqual({
      kind: 'failed',
      error: {
        code: 'PROVISIONING_TRIGGER_FAILED',
        message: `The device refused nrf_provisioning now: ${line}`,
        detail: line,
      },
    });
    expect(session.listenerCount).toBe(0);
    session.print(LOG('<inf> cloud: Connected to Cloud'));
    expect(names()).toEqual([]);
  });
});

describe('startDeviceProvisioning: ATT (kernel reboot warm, docs/protocol.md §12.3)', () => {
  it('reboots, reopens the port when it re-enumerates, and reads the new session', async () => {
    const first = new FakeSession('shell', () => ({ vanishes: true }));
    const second = new FakeSession('shell');
    const reopen = vi.fn(() => Promise.resolve(second));
    const { started, names } = start(first, 'att', { reopen });
    const run = await started;
    await settle();
    expect(first.sent).toEqual(['shell:kernel reboot warm']);
    expect(run.outcome).toMatchObject({ kind: 'triggered', family: 'att' });
    expect(reopen).toHaveBeenCalledTimes(1);
    expect(run.session).toBe(second);
    expect(second.notes.some((n) => /reopened the port after it went away/.test(n))).toBe(true);
    second.print(
      LOG(
        '<inf> cloud: Connecting to nRF Cloud CoAP with client ID: 50363954-3931-4d2c-8031-1a0f0a1b2c3d',
      ),
      LOG('<wrn> cloud: nRF Provisioning requires device to deactivate LTE'),
      LOG('<inf> cloud: Connected to Cloud'),
    );
    expect(names()).toEqual([
      'stage:triggered',
      'client-id:50363954-3931-4d2c-8031-1a0f0a1b2c3d',
      'stage:connecting',
      'lte:down',
      'stage:connected',
    ]);
    run.stop();
    expect(second.listenerCount).toBe(0);
  });

  it('keeps trying to reopen while the port is not back yet', async () => {
    const first = new FakeSession('shell', () => ({ vanishes: true }));
    const second = new FakeSession('shell');
    let calls = 0;
    const reopen = (): Promise<FakeSession> =>
      ++calls < 3 ? Promise.reject(new Error('not there yet')) : Promise.resolve(second);
    const waits: number[] = [];
    const { started } = start(first, 'att', {
      reopen,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const run = await started;
    for (let i = 0; i < 5; i++) await settle();
    expect(calls).toBe(3);
    expect(waits).toEqual([1000, 1000]);
    expect(run.session).toBe(second);
    run.stop();
  });

  it('gives up with PORT_GONE after ten failed reopens', async () => {
    const first = new FakeSession('shell', () => ({ vanishes: true }));
    const reopen = vi.fn(() => Promise.reject(new Error('gone for good')));
    const { started, names, events } = start(first, 'att', { reopen });
    await started;
    for (let i = 0; i < 30; i++) await settle();
    expect(reopen).toHaveBeenCalledTimes(10);
    expect(names()).toEqual(['stage:triggered', 'failure:PORT_GONE:fatal']);
    expect(events[1]?.text).toMatch(/did not come back after 10 tries \(gone for good\)/);
  });

  it('without reopen, a vanished port is a PORT_GONE failure', async () => {
    const first = new FakeSession('shell', () => ({ vanishes: true }));
    const { started, names } = start(first, 'att');
    const run = await started;
    await settle();
    // The port went while the reboot was being sent: the failure is all there is to report.
    expect(names()).toEqual(['failure:PORT_GONE:fatal']);
    expect(run.outcome.kind).toBe('triggered');
    expect(first.listenerCount).toBe(0);
  });

  it('also works when the port stays and the boot output comes back through it', async () => {
    const session = new FakeSession('shell', () => ({ lines: [] }));
    const reopen = vi.fn();
    const { started, names } = start(session, 'att', { reopen });
    const run = await started;
    session.print(LOG('<wrn> cloud: Provisioning failed, device not claimed'));
    expect(names()).toEqual(['stage:triggered', 'failure:PROVISIONING_NOT_CLAIMED:fatal']);
    expect(reopen).not.toHaveBeenCalled();
    run.stop();
  });

  it('stops reading, without reopening, when the owner closes the session', async () => {
    const session = new FakeSession('shell', () => ({ lines: [] }));
    const reopen = vi.fn();
    const { started } = start(session, 'att', { reopen });
    await started;
    session.close();
    await settle();
    expect(reopen).not.toHaveBeenCalled();
    expect(session.listenerCount).toBe(0);
  });
});

describe('startDeviceProvisioning: Serial Modem (AT#XNRFPROV, docs/protocol.md §11)', () => {
  it('answers #XNRFPROV: 1 with AT+CFUN=4 and 2 with AT+CFUN=1, then connects after 0', async () => {
    const session = new FakeSession('slm', sm());
    const { started, names } = start(session, 'serial-modem');
    const run = await started;
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    session.print('#XNRFPROV: 1');
    await settle();
    session.print('#XNRFPROV: 2');
    await settle();
    session.print('#XNRFPROV: 0');
    await settle();
    session.print('#XNRFCLOUD: 1,0');
    expect(session.sent).toEqual([
      'AT+CFUN?',
      'AT#XNRFPROV',
      'AT+CFUN=4',
      'AT+CFUN=1',
      'AT#XNRFCLOUD=1',
    ]);
    expect(names()).toEqual([
      'stage:triggered',
      'host-action:lte-offline',
      'lte:down',
      'host-action:lte-online',
      'lte:up',
      'no-commands',
      'stage:connecting',
      'stage:connected',
    ]);
    expect(
      session.notes.some((n) => /1 asks to take LTE offline: sending AT\+CFUN=4/.test(n)),
    ).toBe(true);
    run.stop();
  });

  it.each([-1, -2, -3, -4, -5, -6])('reports #XNRFPROV: %i as a fatal failure', async (code) => {
    const session = new FakeSession('slm', sm());
    const { started, events } = start(session, 'serial-modem');
    const run = await started;
    session.print(`#XNRFPROV: ${code}`);
    expect(events.at(-1)).toMatchObject({ kind: 'failure', isFatal: true });
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    run.stop();
  });

  it('#XNRFCLOUD: 0 after AT#XNRFCLOUD=1: the client id it used, then the refusal', async () => {
    const session = new FakeSession(
      'slm',
      sm((c) =>
        c === 'AT#XNRFCLOUD?'
          ? { lines: ['#XNRFCLOUD: 0,0,16842753,"nrf-352656100000001"'] }
          : undefined,
      ),
    );
    const { started, names } = start(session, 'serial-modem');
    const run = await started;
    session.print('#XNRFPROV: 0');
    await settle();
    session.print('#XNRFCLOUD: 0,0');
    await settle();
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV', 'AT#XNRFCLOUD=1', 'AT#XNRFCLOUD?']);
    expect(names()).toEqual([
      'stage:triggered',
      'no-commands',
      'stage:connecting',
      'client-id:nrf-352656100000001',
      'cloud-refused',
    ]);
    run.stop();
  });

  it('#XNRFCLOUD: 0 before the app asked to connect is not a refusal', async () => {
    const session = new FakeSession('slm', sm());
    const { started, names } = start(session, 'serial-modem');
    const run = await started;
    session.print('#XNRFCLOUD: 0,0');
    await settle();
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    expect(names()).toEqual(['stage:triggered']);
    run.stop();
  });

  it('a refused AT#XNRFPROV is a failed trigger', async () => {
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT#XNRFPROV' ? { final: 'ERROR' } : undefined)),
    );
    const { started } = start(session, 'serial-modem');
    expect((await started).outcome).toEqual({
      kind: 'failed',
      error: {
        code: 'PROVISIONING_TRIGGER_FAILED',
        message: 'Serial Modem refused AT#XNRFPROV (ERROR).',
        detail: 'ERROR',
      },
    });
    expect(session.listenerCount).toBe(0);
  });

  it('a failed AT+CFUN is reported, not thrown', async () => {
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT+CFUN=4' ? { final: 'ERROR' } : undefined)),
    );
    const { started, names } = start(session, 'serial-modem');
    const run = await started;
    session.print('#XNRFPROV: 1');
    await settle();
    expect(names()).toEqual([
      'stage:triggered',
      'host-action:lte-offline',
      'failure:PROVISIONING_FAILED:retried',
    ]);
    run.stop();
  });

  it('closes a stale cloud connection when AT#XNRFCLOUD=1 is refused, and opens it again', async () => {
    let opens = 0;
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT#XNRFCLOUD=1' && ++opens === 1 ? { final: 'ERROR' } : undefined)),
    );
    const { started } = start(session, 'serial-modem');
    const run = await started;
    session.print('#XNRFPROV: 0');
    for (let i = 0; i < 5; i++) await settle();
    expect(session.sent).toEqual([
      'AT+CFUN?',
      'AT#XNRFPROV',
      'AT#XNRFCLOUD=1',
      'AT#XNRFCLOUD=0',
      'AT#XNRFCLOUD=1',
    ]);
    run.stop();
  });

  it('LTE already on (+CFUN: 1): no AT+CFUN=1 before AT#XNRFPROV', async () => {
    const session = new FakeSession('slm', sm());
    const run = await start(session, 'serial-modem').started;
    expect(run.outcome.kind).toBe('triggered');
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    expect(session.notes.some((n) => /AT\+CFUN=1/.test(n))).toBe(false);
    run.stop();
  });

  it.each([
    ['+CFUN: 0', { lines: ['+CFUN: 0'] }, /answered \+CFUN: 0: LTE is not on/],
    ['+CFUN: 4', { lines: ['+CFUN: 4'] }, /answered \+CFUN: 4: LTE is not on/],
    ['a bare OK', { lines: [] }, /answered without a \+CFUN: line/],
  ] as const)('AT+CFUN? answering %s: AT+CFUN=1, then AT#XNRFPROV', async (_, answer, why) => {
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT+CFUN?' ? answer : undefined)),
    );
    const { started, names } = start(session, 'serial-modem');
    const run = await started;
    expect(run.outcome.kind).toBe('triggered');
    expect(session.sent).toEqual(['AT+CFUN?', 'AT+CFUN=1', 'AT#XNRFPROV']);
    const note = session.notes.find((n) => why.test(n));
    expect(note).toMatch(/sending AT\+CFUN=1 first, because .*no network time/);
    // The note comes before the one for AT#XNRFPROV, as the commands do.
    expect(session.notes.indexOf(note ?? '')).toBeLessThan(
      session.notes.findIndex((n) => n.startsWith('sending AT#XNRFPROV')),
    );
    expect(names()).toEqual(['stage:triggered']);
    run.stop();
  });

  it.each([
    ['ERROR', { final: 'ERROR' }, /AT\+CFUN\? failed \(ERROR\)/],
    [
      'no answer',
      { error: new AppError('NO_ANSWER', 'silent') },
      /AT\+CFUN\? failed \(NO_ANSWER\)/,
    ],
  ] as const)('AT+CFUN? with %s: noted, and AT#XNRFPROV still sent', async (_, answer, why) => {
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT+CFUN?' ? answer : undefined)),
    );
    const run = await start(session, 'serial-modem').started;
    expect(run.outcome.kind).toBe('triggered');
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    expect(session.notes.some((n) => why.test(n))).toBe(true);
    run.stop();
  });

  it('a refused AT+CFUN=1 is noted, and AT#XNRFPROV still sent', async () => {
    const session = new FakeSession(
      'slm',
      sm((c) =>
        c === 'AT+CFUN?'
          ? { lines: ['+CFUN: 0'] }
          : c === 'AT+CFUN=1'
            ? { final: 'ERROR' }
            : undefined,
      ),
    );
    const run = await start(session, 'serial-modem').started;
    expect(run.outcome.kind).toBe('triggered');
    expect(session.sent).toEqual(['AT+CFUN?', 'AT+CFUN=1', 'AT#XNRFPROV']);
    expect(session.notes.some((n) => /AT\+CFUN=1 failed \(ERROR\)/.test(n))).toBe(true);
    run.stop();
  });

  it('rejects with CANCELLED when aborted while AT+CFUN? is in flight, before AT#XNRFPROV', async () => {
    const controller = new AbortController();
    const session = new FakeSession(
      'slm',
      sm((c) => (c === 'AT+CFUN?' ? { isSilent: true } : undefined)),
    );
    const { started } = start(session, 'serial-modem', { signal: controller.signal });
    await settle();
    controller.abort();
    await expect(started).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(session.sent).toEqual(['AT+CFUN?']);
    expect(session.listenerCount).toBe(0);
  });

  it('does not answer host actions on other families', async () => {
    const session = new FakeSession('shell', () => ({ lines: [] }));
    const { started } = start(session, 'shell');
    const run = await started;
    session.print('#XNRFPROV: 1');
    await settle();
    expect(session.sent).toEqual(['shell:nrf_provisioning now']);
    run.stop();
  });
});

describe('startDeviceProvisioning: no provisioning client (docs/protocol.md §13)', () => {
  it.each(['at-host', 'none'] as const)(
    '%s: unsupported, nothing sent, the note says why',
    async (family) => {
      const session = new FakeSession('at-host');
      const { started, events } = start(session, family);
      const run = await started;
      expect(run.outcome.kind).toBe('unsupported');
      if (run.outcome.kind !== 'unsupported') return;
      expect(run.outcome.error.code).toBe('PROVISIONING_UNSUPPORTED');
      expect(run.outcome.error.message).toMatch(/cannot fetch its credentials/);
      expect(run.outcome.error.message).toMatch(/Why: test\.$/);
      expect(session.sent).toEqual([]);
      expect(events).toEqual([]);
      expect(session.notes[0]).toMatch(/^provisioning not started: /);
    },
  );
});

describe('startDeviceProvisioning: abort and stop', () => {
  it('rejects with CANCELLED when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const session = new FakeSession('slm', sm());
    await expect(
      start(session, 'serial-modem', { signal: controller.signal }).started,
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(session.sent).toEqual([]);
  });

  it('rejects with CANCELLED when aborted while the trigger is in flight, and detaches', async () => {
    const controller = new AbortController();
    const session = new FakeSession('shell', () => ({ isSilent: true }));
    const { started } = start(session, 'shell', { signal: controller.signal });
    await settle();
    controller.abort();
    await expect(started).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(session.listenerCount).toBe(0);
  });

  it('stops reading and answering once the signal aborts', async () => {
    const controller = new AbortController();
    const session = new FakeSession('slm', sm());
    const { started, names } = start(session, 'serial-modem', { signal: controller.signal });
    await started;
    controller.abort();
    session.print('#XNRFPROV: 1');
    await settle();
    expect(names()).toEqual(['stage:triggered']);
    expect(session.sent).toEqual(['AT+CFUN?', 'AT#XNRFPROV']);
    expect(session.listenerCount).toBe(0);
  });

  it('a throwing event consumer does not stop the reading', async () => {
    const session = new FakeSession('shell', () => ({ lines: [] }));
    let seen = 0;
    const run = await startDeviceProvisioning({
      session,
      detection: detected('shell'),
      onEvent: () => {
        seen++;
        throw new Error('consumer broke');
      },
    });
    session.print(LOG('<inf> cloud: Connected to Cloud'));
    expect(seen).toBe(2);
    run.stop();
  });
});
