import { DeviceSimulator } from '../../../../src-main/sim/device/deviceSimulator';
import { ManualScheduler } from '../../../../src-main/sim/device/scheduler';
import type { SimulatedPortSpec } from '../../../../src-main/sim/transports/simulatedBinding';
import { createSimulatedBinding } from '../../../../src-main/sim/transports/simulatedBinding';
import {
  FakeProvisioningLink,
  ONBOARDING_COMMANDS,
} from '../../../support/sim/fakeProvisioningLink';
import type { OpenedPort } from './portHelpers';
import { endsWithText, openPort } from './portHelpers';
import { play, playUntil } from './provisioningHarness';
import { PROMPT } from './simHarness';

const SERIAL = 'THINGY91X_0A1B2C3D4E';
let opened: OpenedPort[] = [];
let sims: DeviceSimulator[] = [];

function kit(options: { rebootDropsUsb?: boolean } = {}) {
  const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
  // The device's clock moves only when the test says, so the port's absence can be looked at.
  const clock = new ManualScheduler();
  const simulator = new DeviceSimulator(
    { firmware: 'shell', shellApp: 'att', provisioning: { link }, ...options },
    clock,
  );
  sims.push(simulator);
  const spec: SimulatedPortSpec = {
    path: '/dev/ttyACM0',
    info: {
      manufacturer: 'Nordic Semiconductor ASA',
      serialNumber: SERIAL,
      vendorId: '1915',
      productId: '910a',
    },
    simulator,
  };
  return { binding: createSimulatedBinding([spec]), simulator, link, clock };
}

async function open(binding: ReturnType<typeof createSimulatedBinding>): Promise<OpenedPort> {
  const port = await openPort('/dev/ttyACM0', binding);
  opened.push(port);
  return port;
}

afterEach(async () => {
  await Promise.all(opened.map((p) => p.close()));
  opened = [];
  for (const s of sims) s.stop();
  sims = [];
});

describe('a reboot re-enumerates the port on the simulated binding (docs/protocol.md §12.3)', () => {
  it('the open port fails, the path vanishes, then the same path and serial number return', async () => {
    const { binding, clock } = kit();
    const first = await open(binding);
    await first.write('kernel reboot warm\r\n');
    const closeError = await first.closed;
    expect(closeError?.message).toMatch(/EIO|i\/o error/i);
    expect(await binding.list()).toEqual([]);
    await expect(openPort('/dev/ttyACM0', binding)).rejects.toThrow(/No such file or directory/);
    await play(clock, 1500 * 0.02);
    const [info] = await binding.list();
    expect(info).toMatchObject({ path: '/dev/ttyACM0', serialNumber: SERIAL });
    const again = await open(binding);
    await playUntil(clock, () => again.text().includes('Connected to Cloud'));
    await again.write('at AT\r\n');
    await again.waitFor(endsWithText(`OK\r\r\n\r\n${PROMPT}`));
  });

  it('unplugged while rebooting: it does not come back', async () => {
    const { binding, simulator, clock } = kit();
    const first = await open(binding);
    await first.write('kernel reboot warm\r\n');
    await first.closed;
    binding.unplug('/dev/ttyACM0');
    expect(simulator.state).toBe('off');
    await play(clock, 10_000);
    expect(await binding.list()).toEqual([]);
  });

  it('rebootDropsUsb: false keeps the port open through the reboot', async () => {
    const { binding, clock } = kit({ rebootDropsUsb: false });
    const port = await open(binding);
    await port.write('kernel reboot warm\r\n');
    await port.waitFor(/\*\*\* Booting Asset Tracker Template/);
    expect(port.port.isOpen).toBe(true);
    await playUntil(clock, () => port.text().includes('Connected to Cloud'));
  });
});
