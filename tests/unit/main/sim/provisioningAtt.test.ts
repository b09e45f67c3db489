import type { SimulatorOptions } from '../../../../src-main/sim/device/options';
import {
  FakeProvisioningLink,
  ONBOARDING_COMMANDS,
} from '../../../support/sim/fakeProvisioningLink';
import { logLines, play, playUntil } from './provisioningHarness';
import { startDevice, TOKEN_PATTERN } from './simHarness';

const UUID = '7e57da7a-0003-4abc-8def-0123456789ab';
const SCALE = 0.02;

function att(link: FakeProvisioningLink | undefined, extra: Partial<SimulatorOptions> = {}) {
  const { provisioning, ...rest } = extra;
  return startDevice({
    firmware: 'shell',
    shellApp: 'att',
    deviceUuid: UUID,
    bootOutput: true,
    ...rest,
    provisioning: { ...(link === undefined ? {} : { link }), ...provisioning },
  });
}

describe('Asset Tracker Template shell (docs/protocol.md §12)', () => {
  it('help lists att_cloud and no nrf_provisioning', () => {
    const dev = att(new FakeProvisioningLink());
    dev.take();
    dev.send('help\r\n');
    const text = dev.take();
    expect(text).toContain('  att_cloud    :Asset Tracker Template Cloud CMDs\r\n');
    expect(text).toContain('  kernel       :Kernel commands\r\n');
    expect(text).not.toContain('nrf_provisioning');
    dev.send('nrf_provisioning now\r\n');
    expect(dev.take()).toContain('nrf_provisioning: command not found');
  });

  it('boots with its banner and tries the cloud once LTE is up', async () => {
    const dev = att(new FakeProvisioningLink({ isClaimed: false }));
    expect(dev.text().startsWith('*** Booting Asset Tracker Template v1.5.3')).toBe(true);
    await play(dev.clock, 4000 * SCALE - 1);
    expect(dev.text()).not.toContain('Connecting to nRF Cloud');
    await play(dev.clock, 1);
    expect(logLines(dev.text()).at(-2)).toBe(
      `<inf> cloud: Connecting to nRF Cloud CoAP with client ID: ${UUID}`,
    );
  });

  it('not claimed: the §12.1 sequence, the token block, then a growing back-off', async () => {
    const link = new FakeProvisioningLink({ isClaimed: false });
    const dev = att(link);
    await play(dev.clock, 1000);
    const lines = logLines(dev.text());
    expect(lines.slice(1, 12)).toEqual([
      `<inf> cloud: Connecting to nRF Cloud CoAP with client ID: ${UUID}`,
      '<inf> nrf_cloud_coap_transport: Request authorization with JWT',
      '<wrn> cloud: nrf_cloud_coap_connect, error: -13',
      '<wrn> cloud: nRF Cloud CoAP connection failed, unauthorized or invalid credentials',
      '<inf> nrf_provisioning_coap: DTLS setup',
      '<inf> nrf_provisioning_coap: Connected',
      '<inf> nrf_provisioning_coap: Requesting commands',
      '<err> nrf_provisioning_coap: Device not authorized',
      '<wrn> nrf_provisioning: Unauthorized access: device is not yet claimed.',
      '<wrn> cloud: Provisioning failed, device not claimed',
      '<wrn> cloud: Claim the device on nrfcloud.com using the attestation token below',
    ]);
    const text = dev.text();
    const [, token = ''] =
      /----- BEGIN ATTESTATION TOKEN -----\n\r\n\r(\S+)\n\r\n\r----- END ATTESTATION TOKEN -----/.exec(
        text,
      ) ?? [];
    expect(token).toMatch(TOKEN_PATTERN);
    expect(text).toContain('<wrn> cloud: Connection attempt failed, backoff time: 60 seconds\r\n');
    await play(dev.clock, 60_000 * SCALE + 1000);
    expect(dev.text()).toContain(
      '<wrn> cloud: Connection attempt failed, backoff time: 120 seconds\r\n',
    );
  });

  it('claimed during the back-off: the next attempt provisions and connects', async () => {
    const link = new FakeProvisioningLink({ isClaimed: false });
    const dev = att(link);
    await play(dev.clock, 1000);
    link.isClaimed = true;
    link.queue(...ONBOARDING_COMMANDS);
    dev.take();
    await playUntil(dev.clock, () => dev.text().includes('Connected to Cloud'));
    const lines = logLines(dev.take());
    expect(lines).toContain('<wrn> cloud: nRF Provisioning requires device to deactivate LTE');
    expect(lines).toContain('<inf> lte_lc: +CEREG: 0');
    expect(lines).toContain('<wrn> cloud: nRF Provisioning requires device to activate LTE');
    expect(lines).toContain('<inf> nrf_provisioning_coap: Sending response to server');
    expect(lines).toContain('<dbg> cloud: nrf_provisioning_callback: Provisioning finished');
    expect(lines.slice(-6)).toEqual([
      `<inf> cloud: Connecting to nRF Cloud CoAP with client ID: ${UUID}`,
      '<inf> nrf_cloud_coap_transport: Request authorization with JWT',
      '<inf> nrf_cloud_coap_transport: Authorization result_code: 2.01',
      '<inf> nrf_cloud_coap_transport: Authorized',
      '<inf> cloud: nRF Cloud CoAP connection successful',
      '<inf> cloud: Connected to Cloud',
    ]);
  });

  it('kernel reboot warm: USB goes away and comes back, then it provisions at once', async () => {
    const link = new FakeProvisioningLink({ isClaimed: false });
    const dev = att(link);
    await play(dev.clock, 1000);
    link.isClaimed = true;
    link.queue(...ONBOARDING_COMMANDS);
    const usb: Array<[string, number]> = [];
    dev.sim.onUsb((event) => {
      usb.push([event, dev.clock.now()]);
    });
    dev.take();
    dev.send('kernel reboot warm\r\n');
    expect(dev.sim.state).toBe('rebooting');
    expect(dev.take()).toBe('kernel reboot warm\r\n');
    await play(dev.clock, 1500 * SCALE);
    expect(usb).toEqual([
      ['down', 1000],
      ['up', 1000 + 1500 * SCALE],
    ]);
    expect(dev.sim.state).toBe('on');
    expect(dev.text().startsWith('*** Booting Asset Tracker Template')).toBe(true);
    await playUntil(dev.clock, () => dev.text().includes('Connected to Cloud'), 2000);
  });

  it('without a USB drop the port stays and the boot output follows the command', async () => {
    const dev = att(new FakeProvisioningLink(), { rebootDropsUsb: false });
    const usb: string[] = [];
    dev.sim.onUsb((event) => {
      usb.push(event);
    });
    dev.take();
    dev.send('kernel reboot cold\r\n');
    expect(dev.take()).toMatch(/^kernel reboot cold\r\n\*\*\* Booting Asset Tracker Template/);
    expect(usb).toEqual([]);
  });

  it('booted long ago: quiet at first, tries again after the back-off', async () => {
    const dev = att(new FakeProvisioningLink({ isClaimed: false }), { bootOutput: false });
    await play(dev.clock, 60_000 * SCALE - 1);
    expect(dev.text()).toBe('');
    await play(dev.clock, 1);
    expect(dev.text()).toContain('Connecting to nRF Cloud CoAP with client ID');
  });

  it('claimed without a rule: treated as finished, refused, back-off loop (§14.1)', async () => {
    const link = new FakeProvisioningLink();
    const dev = att(link);
    await play(dev.clock, 2000);
    const lines = logLines(dev.text());
    expect(lines).toContain(
      '<wrn> cloud: No commands from the nRF Provisioning Service to process',
    );
    expect(lines).toContain('<wrn> cloud: Treating as provisioning finished');
    expect(lines).toContain('<wrn> cloud: Connection attempt failed, backoff time: 60 seconds');
    expect(lines).not.toContain('<inf> cloud: Connected to Cloud');
  });

  it('device id mismatch: provisioned, then refused under nrf-<IMEI> in a loop', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = att(link, { imei: '350404290000017', provisioning: { deviceIdMismatch: true } });
    await play(dev.clock, 3000);
    const text = dev.text();
    expect(text).toContain('Connecting to nRF Cloud CoAP with client ID: nrf-350404290000017');
    expect(text).not.toContain('Connected to Cloud');
    expect(link.calls.filter((c) => c.op === 'report')).toHaveLength(1);
    expect(text).toContain('Connection attempt failed, backoff time: 60 seconds');
  });

  it('wrong root CA is fatal: nothing more is tried', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = att(link, { provisioning: { wrongRootCa: true } });
    await play(dev.clock, 1000);
    const lines = logLines(dev.text());
    expect(lines.slice(-2)).toEqual([
      '<wrn> nrf_provisioning: Please check the CA certificate stored in sectag 189298',
      '<err> cloud: Provisioning failed, wrong CA certificate',
    ]);
    await play(dev.clock, 100_000);
    expect(logLines(dev.text())).toHaveLength(lines.length);
  });

  it('no network time: its error line, then back-off', async () => {
    const dev = att(new FakeProvisioningLink(), { provisioning: { noNetworkTime: true } });
    await play(dev.clock, 3000);
    const lines = logLines(dev.text());
    expect(lines).toContain('<err> nrf_provisioning: Failed to get valid date time, err -116');
    expect(lines).toContain('<err> cloud: Provisioning failed, no valid datetime reference');
  });

  it('more than 5 commands is too many for ATT, which then tries to connect', async () => {
    const link = new FakeProvisioningLink({
      commands: [...ONBOARDING_COMMANDS, ...ONBOARDING_COMMANDS],
    });
    const dev = att(link);
    await play(dev.clock, 1000);
    const lines = logLines(dev.text());
    expect(lines).toContain(
      '<err> cloud: Provisioning failed, too many commands for the device to handle',
    );
  });

  it('att_cloud provision acts only while connected', async () => {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = att(link);
    await playUntil(dev.clock, () => dev.text().includes('Connected to Cloud'));
    const fetches = () => link.calls.filter((c) => c.op === 'fetch').length;
    const before = fetches();
    dev.send('att_cloud provision\r\n');
    await play(dev.clock, 1000);
    expect(fetches()).toBe(before + 1);
  });
});
