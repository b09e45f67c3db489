import type { SimProvisioningOptions } from '../../../../src-main/sim/device/options';
import {
  FakeProvisioningLink,
  ONBOARDING_COMMANDS,
} from '../../../support/sim/fakeProvisioningLink';
import { logLines, play, playUntil } from './provisioningHarness';
import { PROMPT, startDevice, TOKEN_PATTERN } from './simHarness';

const UUID = '7e57da7a-0001-4abc-8def-0123456789ab';

function shell(provisioning: SimProvisioningOptions = {}, extra: { deviceType?: number } = {}) {
  const dev = startDevice({ firmware: 'shell', deviceUuid: UUID, provisioning, ...extra });
  return dev;
}

/** Runs `nrf_provisioning now` and plays the clock until the device has nothing left to do. */
async function provisionNow(dev: ReturnType<typeof shell>, ms = 20_000): Promise<string[]> {
  dev.take();
  dev.send('nrf_provisioning now\r\n');
  await play(dev.clock, ms);
  return logLines(dev.text());
}

describe('shell with the provisioning shell: commands (docs/protocol.md §10)', () => {
  it('help lists the root commands in Zephyr layout, nrf_provisioning among them', () => {
    const dev = shell();
    dev.send('help\r\n');
    const text = dev.text();
    expect(text).toContain('Available commands:\r\n');
    expect(text).toContain(
      '  at                :Execute an AT command\r\n' +
        '  help              :Prints the help message.\r\n' +
        '  kernel            :Kernel commands\r\n' +
        '  nrf_provisioning  :nRF Provisioning commands\r\n' +
        PROMPT,
    );
  });

  it('without the provisioning client there is no nrf_provisioning at all', () => {
    const dev = shell({ client: false });
    dev.send('help\r\n');
    expect(dev.take()).not.toContain('nrf_provisioning');
    dev.send('nrf_provisioning now\r\n');
    expect(dev.take()).toContain('nrf_provisioning: command not found');
  });

  it('nrf_provisioning alone lists its subcommands; lib-old also has init', () => {
    const dev = shell();
    dev.send('nrf_provisioning\r\n');
    expect(dev.text()).toBe(
      'nrf_provisioning\r\nnrf_provisioning - nRF Provisioning commands\r\nSubcommands:\r\n' +
        '  interval  :Set provisioning interval\r\n  now       :Do provisioning now\r\n' +
        '  token     :Get the attestation token\r\n  uuid      :Get device UUID\r\n' +
        PROMPT,
    );
    const old = shell({ library: 'lib-old' });
    old.send('nrf_provisioning\r\n');
    expect(old.text()).toContain('  init      :Start the client\r\n');
  });

  it('uuid and token print the device UUID and a fresh token', () => {
    const dev = shell();
    dev.send('nrf_provisioning uuid\r\n');
    expect(dev.take()).toBe(`nrf_provisioning uuid\r\n${UUID}\r\n${PROMPT}`);
    dev.send('nrf_provisioning token\r\n');
    const [, token = ''] = /^nrf_provisioning token\r\n(\S+)\r\n/.exec(dev.take()) ?? [];
    expect(token).toMatch(TOKEN_PATTERN);
  });

  it('interval without a value prints the usage; lib-new refuses a value', () => {
    const dev = shell();
    dev.send('nrf_provisioning interval\r\n');
    expect(dev.take()).toContain('No interval provided\r\n');
    const newer = shell({ library: 'lib-new' });
    newer.send('nrf_provisioning interval 60\r\n');
    expect(newer.take()).toContain('Failed to set provisioning interval, err -134');
  });

  it.each([
    ['lib-old', ['<inf> nrf_provisioning: Externally initiated provisioning']],
    ['lib-mid', ['<inf> nrf_provisioning: Externally initiated provisioning']],
    ['lib-new', []],
  ] as const)('`now` under %s: prompt at once, then %j', async (library, expected) => {
    const dev = shell({ library, link: new FakeProvisioningLink() });
    dev.send('nrf_provisioning now\r\n');
    const text = dev.take();
    expect(text.startsWith(`nrf_provisioning now\r\n${PROMPT}`)).toBe(true);
    const first = logLines(text).filter((l) => l.includes('nrf_provisioning:'));
    expect(first).toEqual(expected);
  });
});

describe('shell: one provisioning round (docs/protocol.md §8.4, §9, §10)', () => {
  it('lib-mid: the sample README sequence with LTE down and up, then nRF Cloud', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link });
    const lines = await provisionNow(dev);
    expect(lines).toEqual([
      '<inf> nrf_provisioning: Externally initiated provisioning',
      '<inf> nrf_provisioning_sample: Provisioning started',
      '<inf> nrf_provisioning_http: Requesting commands',
      '<inf> nrf_provisioning_http: Connected',
      '<inf> nrf_provisioning_http: Processing commands',
      '<inf> nrf_provisioning_sample: nRF Provisioning requires device to deactivate network',
      '<inf> lte_lc: +CEREG: 0',
      '<inf> nrf_provisioning: Disconnected from network - provisioning paused',
      '<inf> nrf_provisioning_sample: nRF Provisioning requires device to activate network',
      '<inf> lte_lc: +CEREG: 2,"4E2A","0123ABCD",7',
      '<inf> lte_lc: +CEREG: 1,"4E2A","0123ABCD",7',
      '<inf> nrf_provisioning: Connected; home network - provisioning resumed',
      '<inf> nrf_provisioning_http: Sending response to server',
      '<inf> nrf_provisioning_http: Requesting commands',
      '<inf> nrf_provisioning_http: Connected',
      '<inf> nrf_provisioning_http: No more commands to process on server side',
      '<inf> nrf_provisioning_sample: Provisioning stopped',
      '<inf> nrf_provisioning_sample: Provisioning done',
      '<inf> nrf_provisioning_sample: The device can now connect to the provisionined cloud service',
      '<inf> nrf_provisioning_sample: Connecting to nRF Cloud CoAP...',
      '<inf> nrf_provisioning_sample: nRF Cloud CoAP connection successful',
    ]);
    expect(link.calls.map((c) => c.op)).toEqual(['fetch', 'report', 'fetch', 'connect']);
    const report = link.calls[1];
    expect(report?.op === 'report' && report.results.every((r) => r.isOk)).toBe(true);
    expect(link.calls[3]).toEqual({ op: 'connect', uuid: UUID, clientId: UUID });
    expect(dev.sim.modemState.storedCredentials.map((c) => c.kind)).toEqual([
      'private-key',
      'root-ca',
    ]);
    // The device is back online when it is done.
    expect(dev.sim.modemState.functionalMode).toBe(1);
  });

  it('the whole round takes well under a second of device time at the default scale', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link });
    dev.send('nrf_provisioning now\r\n');
    const started = dev.clock.now();
    await playUntil(dev.clock, () => dev.text().includes('connection successful'));
    expect(dev.clock.now() - started).toBeLessThan(1000);
  });

  it('timeScale stretches the same round', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link, timeScale: 0.2 });
    dev.send('nrf_provisioning now\r\n');
    await playUntil(dev.clock, () => dev.text().includes('connection successful'));
    expect(dev.clock.now()).toBeGreaterThan(2000);
  });

  it('lib-new: CoAP lines, no paused/resumed lines, a finished command ends the round', async () => {
    const link = new FakeProvisioningLink({ commands: [...ONBOARDING_COMMANDS, 'finished'] });
    const dev = shell({ link, library: 'lib-new' });
    const lines = await provisionNow(dev);
    expect(lines.filter((l) => l.includes('nrf_provisioning_coap'))).toEqual([
      '<inf> nrf_provisioning_coap: DTLS setup',
      '<inf> nrf_provisioning_coap: Connected',
      '<inf> nrf_provisioning_coap: Requesting commands',
      '<inf> nrf_provisioning_coap: Processing commands',
      '<inf> nrf_provisioning_coap: DTLS setup',
      '<inf> nrf_provisioning_coap: Connected',
      '<inf> nrf_provisioning_coap: Sending response to server',
      '<inf> nrf_provisioning_coap: Finished',
    ]);
    expect(lines.some((l) => l.includes('provisioning paused'))).toBe(false);
    expect(lines.slice(-2)).toEqual([
      '<inf> nrf_provisioning_sample: Connecting to nRF Cloud CoAP...',
      '<inf> nrf_provisioning_sample: nRF Cloud CoAP connection successful',
    ]);
    expect(link.calls.map((c) => c.op)).toEqual(['fetch', 'report', 'connect']);
  });

  it('lib-old: takes LTE down itself, reboots when done and connects after the boot', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link, library: 'lib-old' });
    const events: string[] = [];
    dev.sim.onUsb((e) => {
      events.push(e);
    });
    const lines = await provisionNow(dev);
    expect(lines.some((l) => l.includes('requires device to deactivate'))).toBe(false);
    expect(lines).toContain('<inf> nrf_provisioning: Modem connection restored');
    expect(lines).toContain('<inf> nrf_provisioning_sample: Provisioning done, rebooting...');
    expect(events).toEqual(['down', 'up']);
    expect(dev.text()).toContain('*** Booting nRF Connect SDK');
    expect(lines.at(-1)).toBe(
      '<inf> nrf_provisioning_sample: nRF Cloud CoAP connection successful',
    );
  });

  it('debug logs add the per-command codec lines', async () => {
    const link = new FakeProvisioningLink({ commands: ['clientPrivateKeyGeneration'] });
    const dev = shell({ link, debugLogs: true });
    const lines = await provisionNow(dev);
    expect(lines).toContain(
      '<dbg> nrf_provisioning_codec: cmd_process: command: "AT%KEYGEN=16842753,2,0", input buff len: 0',
    );
  });
});

describe('shell: what the link answers (docs/protocol.md §14)', () => {
  it('not claimed: the library and sample lines and the token', async () => {
    const dev = shell({ link: new FakeProvisioningLink({ isClaimed: false }) });
    await provisionNow(dev);
    const text = dev.text();
    expect(text).toContain('<err> nrf_provisioning_http: Device provided wrong auth credentials');
    expect(text).toContain(
      '<wrn> nrf_provisioning: Unauthorized access: device is not yet claimed.',
    );
    expect(text).toContain(
      '<wrn> nrf_provisioning_sample: Provisioning failed, device not claimed',
    );
    const [, token = ''] = /Attestation token:\r\n\n(\S+)\r\n/.exec(text) ?? [];
    expect(token).toMatch(TOKEN_PATTERN);
    expect(text).not.toContain('Connecting to nRF Cloud');
  });

  it('not claimed under lib-new over CoAP: Device not authorized', async () => {
    const dev = shell({ link: new FakeProvisioningLink({ isClaimed: false }), library: 'lib-new' });
    const lines = await provisionNow(dev);
    expect(lines).toContain('<err> nrf_provisioning_coap: Device not authorized');
  });

  it('not claimed answered with 4.03: a generic failure, no token (§14.2)', async () => {
    const dev = shell({
      link: new FakeProvisioningLink({ isClaimed: false }),
      library: 'lib-new',
      unclaimedAs: 'wrong-credentials',
    });
    const lines = await provisionNow(dev);
    expect(lines).toContain('<err> nrf_provisioning_coap: Device provided wrong auth credentials');
    expect(lines).toContain('<err> nrf_provisioning: Provisioning failed, error: -1');
    expect(dev.text()).not.toContain('Attestation token');
  });

  it('claimed without a rule: no commands, no connection attempt (§14.1)', async () => {
    const link = new FakeProvisioningLink({ commands: [] });
    const dev = shell({ link });
    const lines = await provisionNow(dev);
    expect(lines.slice(-3)).toEqual([
      '<inf> nrf_provisioning_http: No more commands to process on server side',
      '<inf> nrf_provisioning_sample: Provisioning stopped',
      '<inf> nrf_provisioning_sample: Provisioning done, no commands received from the server',
    ]);
    expect(link.calls.map((c) => c.op)).toEqual(['fetch']);
  });

  it('too many commands from the service', async () => {
    const link = new FakeProvisioningLink({ override: { kind: 'too-many-commands', count: 30 } });
    const lines = await provisionNow(shell({ link }));
    expect(lines).toContain(
      '<err> nrf_provisioning: Not enough memory to process the incoming list of commands',
    );
  });

  it('more commands than the device holds counts as too many too', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const lines = await provisionNow(shell({ link, maxCommands: 2 }));
    expect(lines).toContain(
      '<err> nrf_provisioning: Not enough memory to process the incoming list of commands',
    );
    expect(link.calls.map((c) => c.op)).toEqual(['fetch']);
  });

  it('busy: lib-new gives up; lib-mid retries after its back-off', async () => {
    const newer = new FakeProvisioningLink({ override: { kind: 'busy' } });
    const lines = await provisionNow(shell({ link: newer, library: 'lib-new' }));
    expect(lines).toContain('<wrn> nrf_provisioning: Provisioning client busy');
    expect(newer.calls).toHaveLength(1);

    const mid = new FakeProvisioningLink({ override: { kind: 'busy' }, commands: ['finished'] });
    const dev = shell({ link: mid });
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 100);
    expect(logLines(dev.text())).toContain('<wrn> nrf_provisioning: Busy, retrying in 60 seconds');
    mid.override = undefined;
    await play(dev.clock, 60_000 * 0.02 + 500);
    expect(mid.calls.filter((c) => c.op === 'fetch')).toHaveLength(2);
    expect(logLines(dev.text())).toContain('<inf> nrf_provisioning_sample: Provisioning done');
  });

  it('a link that fails the call is a timeout', async () => {
    const link = new FakeProvisioningLink();
    link.fetchCommands = () => Promise.reject(new Error('ECONNREFUSED'));
    const lines = await provisionNow(shell({ link, library: 'lib-new' }));
    expect(lines).toContain('<wrn> nrf_provisioning: Provisioning timed out');
  });

  it('no link at all: the server cannot be reached', async () => {
    const lines = await provisionNow(shell({ library: 'lib-new' }));
    expect(lines).toContain('<err> nrf_provisioning_coap: Unable to resolve address');
    expect(lines).toContain('<err> nrf_provisioning: Provisioning failed, error: -11');
  });

  it('a failing command is reported failed and the connection is refused', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link, failCommand: 'cloudAccessKeyGeneration' });
    const lines = await provisionNow(dev);
    expect(lines).toContain('<err> nrf_provisioning_codec: AT cmd failed, error: 65536');
    const report = link.calls.find((c) => c.op === 'report');
    expect(report?.op === 'report' ? report.results.map((r) => r.isOk) : []).toEqual([true, false]);
    expect(lines.at(-1)).toBe(
      '<wrn> nrf_provisioning_sample: nRF Cloud CoAP connection failed, unauthorized or invalid credentials',
    );
  });
  it('a command the local cloud marks failWith fails with those words', async () => {
    const link = new FakeProvisioningLink({ commands: ['clientPrivateKeyGeneration'] });
    const [command] = link.pendingCommands;
    if (command !== undefined) Object.assign(command, { failWith: 'AT cmd failed, error: 514' });
    const lines = await provisionNow(shell({ link }));
    expect(lines).toContain('<err> nrf_provisioning_codec: AT cmd failed, error: 514');
    const report = link.calls.find((c) => c.op === 'report');
    expect(report?.op === 'report' ? report.results : []).toEqual([
      { id: 'cmd-1', isOk: false, error: 'AT cmd failed, error: 514' },
    ]);
  });
});

describe('shell: device-side faults (docs/protocol.md §14)', () => {
  it('wrong root CA: connection refused, the sec tag named, no fetch', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const lines = await provisionNow(shell({ link, wrongRootCa: true }));
    expect(lines).toContain('<err> nrf_provisioning: Connection refused');
    expect(lines).toContain(
      '<wrn> nrf_provisioning: Please check the CA certificate stored in sectag 189298',
    );
    expect(lines).toContain(
      '<err> nrf_provisioning_sample: Provisioning failed, wrong root CA certificate for nRF Cloud provisioned',
    );
    expect(link.calls).toHaveLength(0);
  });

  it.each([
    ['lib-new', 'Failed to get valid date time, err -116'],
    ['lib-mid', 'Failed to get valid modem time, err -116'],
  ] as const)('no network time under %s: after the 60 s wait, %s', async (library, line) => {
    const dev = shell({ link: new FakeProvisioningLink(), noNetworkTime: true, library });
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 60_000 * 0.02 - 1);
    expect(dev.text()).not.toContain(line);
    await play(dev.clock, 1);
    expect(logLines(dev.text())).toContain(`<err> nrf_provisioning: ${line}`);
    expect(dev.text()).toContain('Provisioning failed, no valid datetime reference');
  });

  it('no network time under lib-old: waits forever', async () => {
    const dev = shell({
      link: new FakeProvisioningLink(),
      noNetworkTime: true,
      library: 'lib-old',
    });
    const lines = await provisionNow(dev, 600_000);
    expect(lines.at(-1)).toBe(
      '<inf> nrf_provisioning: Waiting for modem to acquire network time...',
    );
  });

  it.each([
    ['lib-new', 'Failed to get valid date time, err -116'],
    ['lib-mid', 'Failed to get valid modem time, err -116'],
  ] as const)(
    'LTE off when the attempt starts, under %s: waits 60 s for registration, then %s',
    async (library, line) => {
      const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
      const dev = shell({ link, library });
      dev.send('at AT+CFUN=4\r\n');
      await play(dev.clock, 10);
      dev.send('nrf_provisioning now\r\n');
      await play(dev.clock, 60_000 * 0.02 - 10);
      expect(dev.text()).not.toContain(line);
      await play(dev.clock, 20);
      expect(logLines(dev.text())).toContain(`<err> nrf_provisioning: ${line}`);
      expect(link.calls).toEqual([]);
    },
  );

  it('LTE switched on within that wait: the attempt goes on once registered', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link, library: 'lib-new' });
    dev.send('at AT+CFUN=4\r\n');
    await play(dev.clock, 10);
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 30_000 * 0.02);
    dev.send('at AT+CFUN=1\r\n');
    await play(dev.clock, 20_000);
    expect(dev.text()).not.toContain('Failed to get valid');
    // The sample connects to nRF Cloud after that.
    expect(link.calls.map((c) => c.op)).toEqual(['fetch', 'report', 'fetch', 'connect']);
  });

  it('LTE off when the attempt starts, under lib-old: waits for time with no limit', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link, library: 'lib-old' });
    dev.send('at AT+CFUN=4\r\n');
    await play(dev.clock, 10);
    const lines = await provisionNow(dev, 600_000);
    expect(lines.at(-1)).toBe(
      '<inf> nrf_provisioning: Waiting for modem to acquire network time...',
    );
    expect(link.calls).toEqual([]);
    dev.send('at AT+CFUN=1\r\n');
    await play(dev.clock, 20_000);
    expect(link.calls.map((c) => c.op)).toContain('fetch');
  });

  it('modem too old: JWT failure, on by default for an nRF9160', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const lines = await provisionNow(shell({ link, library: 'lib-new' }, { deviceType: 2 }));
    expect(lines).toContain('<err> nrf_provisioning_coap: Failed to generate JWT, error: -8');
    expect(lines).toContain('<err> nrf_provisioning_coap: Failed to generate authentication token');
    expect(link.calls).toHaveLength(0);
    const fine = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const ok = await provisionNow(shell({ link: fine, library: 'lib-new' }, { deviceType: 6 }));
    expect(ok.some((l) => l.includes('Failed to generate JWT'))).toBe(false);
  });

  it('device id mismatch: provisioned, but connects as nrf-<IMEI> and is refused', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = startDevice({
      firmware: 'shell',
      deviceUuid: UUID,
      imei: '350404290000017',
      provisioning: { link, deviceIdMismatch: true },
    });
    const lines = await provisionNow(dev);
    expect(link.calls.at(-1)).toEqual({
      op: 'connect',
      uuid: UUID,
      clientId: 'nrf-350404290000017',
    });
    expect(lines.at(-1)).toContain('nRF Cloud CoAP connection failed');
  });

  it('log colours wrap warnings and errors after the timestamp', async () => {
    const dev = startDevice({
      firmware: 'shell',
      logColors: true,
      provisioning: { link: new FakeProvisioningLink({ isClaimed: false }) },
    });
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 5000);
    expect(dev.text()).toContain(
      '] \x1b[1;33m<wrn> nrf_provisioning: Unauthorized access: device is not yet claimed.\x1b[0m\r\n',
    );
    expect(dev.text()).toContain(
      '] \x1b[1;31m<err> nrf_provisioning_http: Device provided wrong auth credentials\x1b[0m\r\n',
    );
    expect(dev.text()).toMatch(/\] <inf> nrf_provisioning_sample: Provisioning started\r\n/);
  });

  it('a second `now` while a round runs starts nothing new', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = shell({ link });
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 20);
    dev.send('nrf_provisioning now\r\n');
    await play(dev.clock, 20_000);
    expect(link.calls.filter((c) => c.op === 'connect')).toHaveLength(1);
    expect(logLines(dev.text()).filter((l) => l.endsWith('Provisioning started'))).toHaveLength(1);
  });
});
