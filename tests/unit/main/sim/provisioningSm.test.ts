import type { SimProvisioningOptions } from '../../../../src-main/sim/device/options';
import {
  FakeProvisioningLink,
  ONBOARDING_COMMANDS,
} from '../../../support/sim/fakeProvisioningLink';
import { play } from './provisioningHarness';
import { startDevice } from './simHarness';

const UUID = '7e57da7a-0002-4abc-8def-0123456789ab';

/** A Serial Modem with the provisioning overlay and a host that may answer `#XNRFPROV: 1` / `2`. */
function modem(
  provisioning: SimProvisioningOptions = {},
  host: { answersOffline?: boolean; answersOnline?: boolean } = {},
) {
  const dev = startDevice({
    firmware: 'slm',
    deviceUuid: UUID,
    provisioning: { client: true, ...provisioning },
  });
  const { answersOffline = true, answersOnline = true } = host;
  dev.sim.onOutput((bytes) => {
    const text = Buffer.from(bytes).toString('latin1');
    // The host answers like the app does, a moment later.
    if (answersOffline && text.includes('#XNRFPROV: 1\r'))
      setImmediate(() => dev.send('AT+CFUN=4\r\n'));
    if (answersOnline && text.includes('#XNRFPROV: 2\r'))
      setImmediate(() => dev.send('AT+CFUN=1\r\n'));
  });
  return dev;
}

function notifications(text: string): string[] {
  return [...text.matchAll(/\r\n(#XNRFPROV: -?\d+)\r\n/g)].map((m) => m[1] ?? '');
}

describe('Serial Modem AT#XNRFPROV (docs/protocol.md §11)', () => {
  it('the test command answers only with the provisioning overlay', () => {
    const withOverlay = modem();
    withOverlay.send('AT#XNRFPROV=?\r\n');
    expect(withOverlay.text()).toBe('\r\n#XNRFPROV\r\n\r\nOK\r\n');
    const plain = startDevice({ firmware: 'slm' });
    plain.send('AT#XNRFPROV=?\r\nAT#XNRFPROV\r\n');
    expect(plain.text()).toBe('\r\nERROR\r\n\r\nERROR\r\n');
  });

  it('OK, then 1, host CFUN=4, 2, host CFUN=1, then 0; the commands ran and were reported', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link });
    dev.send('AT#XNRFPROV\r\n');
    expect(dev.take()).toBe('\r\nOK\r\n');
    await play(dev.clock, 10_000);
    expect(dev.take()).toBe(
      '\r\n#XNRFPROV: 1\r\n' +
        '\r\nOK\r\n' +
        '\r\n#XNRFPROV: 2\r\n' +
        '\r\nOK\r\n' +
        '\r\n#XNRFPROV: 0\r\n',
    );
    expect(link.calls.map((c) => c.op)).toEqual(['fetch', 'report', 'fetch']);
    expect(link.pendingCommands).toHaveLength(0);
    expect(dev.sim.modemState.storedCredentials).toHaveLength(2);
  });

  it('the host subscribed to +CEREG sees the LTE going down and up', async () => {
    const dev = modem({ link: new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS }) });
    dev.send('AT+CEREG=5\r\nAT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    const text = dev.text();
    expect(text).toContain('\r\n+CEREG: 0\r\n');
    expect(text).toContain('\r\n+CEREG: 1,"4E2A","0123ABCD",7\r\n');
    expect(text.indexOf('+CEREG: 1,')).toBeLessThan(text.indexOf('#XNRFPROV: 0'));
  });

  it('a host that ignores 1: after the 120 s wait the attempt fails with -1 (§14.7)', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link, modemLogs: true }, { answersOffline: false });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 120_000 * 0.02 - 10);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: 1']);
    await play(dev.clock, 100);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: 1', '#XNRFPROV: -1']);
    expect(dev.text()).toContain(
      '<err> nrf_provisioning: Timeout waiting for the desired functional mode\r\n',
    );
    expect(link.calls.map((c) => c.op)).toEqual(['fetch']);
  });

  it('a host that ignores 2: -1 as well, after the commands ran', async () => {
    const dev = modem(
      { link: new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS }) },
      { answersOnline: false },
    );
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: 1', '#XNRFPROV: 2', '#XNRFPROV: -1']);
  });

  it.each([
    ['not claimed', { link: new FakeProvisioningLink({ isClaimed: false }) }, -2],
    ['wrong root CA', { link: new FakeProvisioningLink(), wrongRootCa: true }, -3],
    ['no network time', { link: new FakeProvisioningLink(), noNetworkTime: true }, -4],
    [
      'too many commands',
      { link: new FakeProvisioningLink({ override: { kind: 'too-many-commands', count: 25 } }) },
      -5,
    ],
    ['busy', { link: new FakeProvisioningLink({ override: { kind: 'busy' } }) }, -1],
    ['no link', {}, -1],
    ['modem too old', { link: new FakeProvisioningLink(), modemTooOld: true }, -1],
    ['claimed without a rule', { link: new FakeProvisioningLink() }, 0],
  ] as const)('%s → #XNRFPROV: %s', async (_name, options: SimProvisioningOptions, status) => {
    const dev = modem(options);
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    expect(notifications(dev.text())).toEqual([`#XNRFPROV: ${status}`]);
  });

  it('wrong root CA names the Serial Modem sec tag in its logs', async () => {
    const dev = modem({ link: new FakeProvisioningLink(), wrongRootCa: true, modemLogs: true });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    expect(dev.text()).toContain('Please check the CA certificate stored in sectag 42384\r\n');
    expect(dev.text()).toContain(
      '<err> sm_provisioning: Provisioning failed: wrong root CA certificate for nRF Cloud\r\n',
    );
  });

  it('without modemLogs the AT channel carries no log lines', async () => {
    const dev = modem({ link: new FakeProvisioningLink({ isClaimed: false }) });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    expect(dev.text()).not.toContain('<');
  });

  it('a second trigger while one runs is an error', async () => {
    const dev = modem({ link: new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS }) });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10);
    dev.take();
    dev.send('AT#XNRFPROV\r\n');
    expect(dev.take()).toBe('\r\nERROR\r\n');
  });

  it('notifications wait until a running command has answered', async () => {
    const dev = startDevice({
      firmware: 'slm',
      replyDelayMs: 5000,
      provisioning: { client: true, link: new FakeProvisioningLink({ isClaimed: false }) },
    });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 30);
    dev.send('AT+CGMM\r\n');
    await play(dev.clock, 200);
    expect(dev.text()).toBe('\r\nOK\r\n');
    await play(dev.clock, 5000);
    expect(dev.text()).toBe('\r\nOK\r\n\r\nnRF9151-LACA\r\n\r\nOK\r\n\r\n#XNRFPROV: -2\r\n');
  });
});

describe('Serial Modem with LTE off at boot (provisioning.lteOffAtBoot, docs/protocol.md §11)', () => {
  // Real-world waits at the default time scale.
  const VALID_TIME_WAIT = 60_000 * 0.02;
  const LTE_ATTACH = 6000 * 0.02;

  it('boots at CFUN=0 and unregistered; AT+CFUN=1 registers it; a power cycle turns it off again', async () => {
    const dev = modem({ lteOffAtBoot: true });
    dev.send('AT+CFUN?\r\nAT+CEREG?\r\n');
    expect(dev.take()).toBe('\r\n+CFUN: 0\r\n\r\nOK\r\n\r\n+CEREG: 0,0\r\n\r\nOK\r\n');
    dev.send('AT+CFUN=1\r\n');
    await play(dev.clock, LTE_ATTACH + 10);
    dev.send('AT+CFUN?\r\nAT+CEREG?\r\n');
    expect(dev.take()).toBe('\r\nOK\r\n\r\n+CFUN: 1\r\n\r\nOK\r\n\r\n+CEREG: 0,1\r\n\r\nOK\r\n');
    dev.sim.start();
    expect(dev.sim.modemState.functionalMode).toBe(0);
    expect(dev.sim.modemState.registrationStatus).toBe(0);
  });

  it('is off by default, and ignored by firmware that switches LTE on itself', () => {
    expect(modem().sim.modemState.functionalMode).toBe(1);
    const shell = startDevice({ firmware: 'shell', provisioning: { lteOffAtBoot: true } });
    expect(shell.sim.modemState.functionalMode).toBe(1);
    expect(shell.sim.modemState.registrationStatus).toBe(5);
  });

  it('AT#XNRFPROV with LTE left off: never reaches the server, -4 after the valid-time wait', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link, lteOffAtBoot: true, modemLogs: true });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, VALID_TIME_WAIT - 10);
    expect(notifications(dev.text())).toEqual([]);
    await play(dev.clock, 100);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: -4']);
    expect(dev.text()).toContain('<err> nrf_provisioning: Failed to get valid date time, err -116');
    expect(link.calls).toEqual([]);
  });

  it('the host switching LTE on within the wait: the attempt goes on once registered, to 0', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link, lteOffAtBoot: true });
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, VALID_TIME_WAIT / 2);
    expect(link.calls).toEqual([]);
    dev.send('AT+CFUN=1\r\n');
    await play(dev.clock, LTE_ATTACH / 2);
    expect(link.calls).toEqual([]);
    await play(dev.clock, 10_000);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: 1', '#XNRFPROV: 2', '#XNRFPROV: 0']);
    expect(link.calls.map((c) => c.op)).toEqual(['fetch', 'report', 'fetch']);
  });

  it('AT+CFUN=1 right before AT#XNRFPROV, as the app sends it: provisions', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link, lteOffAtBoot: true });
    dev.send('AT+CFUN=1\r\nAT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    expect(notifications(dev.text())).toEqual(['#XNRFPROV: 1', '#XNRFPROV: 2', '#XNRFPROV: 0']);
    expect(link.pendingCommands).toHaveLength(0);
  });
});

describe('Serial Modem AT#XNRFCLOUD', () => {
  it('connects once provisioned; the read form names the client id', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = modem({ link });
    dev.send('AT#XNRFCLOUD=1\r\n');
    await play(dev.clock, 5000);
    expect(dev.take()).toBe('\r\nOK\r\n\r\n#XNRFCLOUD: 0,0\r\n');
    dev.send('AT#XNRFPROV\r\n');
    await play(dev.clock, 10_000);
    dev.take();
    dev.send('AT#XNRFCLOUD=1\r\n');
    await play(dev.clock, 5000);
    expect(dev.take()).toBe('\r\nOK\r\n\r\n#XNRFCLOUD: 1,0\r\n');
    dev.send('AT#XNRFCLOUD?\r\n');
    expect(dev.take()).toBe(`\r\n#XNRFCLOUD: 1,0,16842753,"${UUID}"\r\n\r\nOK\r\n`);
    expect(link.calls.filter((c) => c.op === 'connect')).toHaveLength(2);
  });
});
