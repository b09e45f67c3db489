import { DeviceSimulator } from '../../../../src-main/sim/device/deviceSimulator';
import {
  demoPorts,
  DEMO_DK_SERIAL,
  DEMO_DK_UUID,
  DEMO_THINGY_SERIAL,
} from '../../../../src-main/sim/transports/demoPorts';
import type { SimulatedPortSpec } from '../../../../src-main/sim/transports/simulatedBinding';
import { createSimulatedBinding } from '../../../../src-main/sim/transports/simulatedBinding';
import type { OpenedPort } from './portHelpers';
import { endsWithText, openPort, settle } from './portHelpers';
import { PROMPT, tokenFields } from './simHarness';

let specs: SimulatedPortSpec[] = [];
let opened: OpenedPort[] = [];

async function open(
  binding: ReturnType<typeof createSimulatedBinding>,
  path: string,
): Promise<OpenedPort> {
  const p = await openPort(path, binding);
  opened.push(p);
  return p;
}

function setup(extra: SimulatedPortSpec[] = []) {
  specs = [...demoPorts(), ...extra];
  return createSimulatedBinding(specs);
}

afterEach(async () => {
  await Promise.all(opened.map((p) => p.close()));
  opened = [];
  for (const s of specs) s.simulator?.stop();
});

describe('createSimulatedBinding through the real SerialPort class', () => {
  it('lists the demo kits like Linux does', async () => {
    const binding = setup();
    const list = await binding.list();
    expect(list.map((p) => p.path)).toEqual([
      '/dev/ttyACM0',
      '/dev/ttyACM1',
      '/dev/ttyACM2',
      '/dev/ttyACM3',
    ]);
    expect(list[0]).toEqual({
      path: '/dev/ttyACM0',
      manufacturer: 'SEGGER',
      serialNumber: DEMO_DK_SERIAL,
      pnpId: `usb-SEGGER_J-Link_${DEMO_DK_SERIAL}-if00`,
      locationId: undefined,
      vendorId: '1366',
      productId: '1059',
    });
    expect(list[3]).toMatchObject({
      serialNumber: DEMO_THINGY_SERIAL,
      vendorId: '1915',
      productId: '910a',
    });
    expect(list[3]?.pnpId).toMatch(/-if01$/);
  });

  it('writes a command and reads the token from the DK (AT host)', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM0');
    await p.write('AT%ATTESTTOKEN\r\n');
    await p.waitFor(/OK\r\n$/);
    const token = /^%ATTESTTOKEN: "([^"]+)"\r\nOK\r\n$/.exec(p.text())?.[1] ?? '';
    expect(tokenFields(token).deviceUuid).toBe(DEMO_DK_UUID);
  });

  it('talks to the Thingy:91 X shell with echo and prompt', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM2');
    await p.write('at AT+CGMM\r\n');
    await p.waitFor(endsWithText(PROMPT));
    expect(p.text()).toContain(`at AT+CGMM\r\nnRF9151-LACA\r\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('keeps a silent port silent', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM1');
    await p.write('AT\r\n');
    await settle(50);
    expect(p.text()).toBe('');
  });

  it('drops what a device says while its port is closed (boot output is lost)', async () => {
    const sim = new DeviceSimulator({ firmware: 'shell', bootOutput: true });
    const binding = setup([{ path: '/dev/ttyACM7', info: {}, simulator: sim }]);
    const p = await open(binding, '/dev/ttyACM7');
    await p.write('\r');
    await p.waitFor(endsWithText(PROMPT));
    expect(p.text()).toBe(`\r\n${PROMPT}`);
  });

  it('refuses a second open like a locked port, and allows it after close', async () => {
    const binding = setup();
    const first = await open(binding, '/dev/ttyACM0');
    await expect(openPort('/dev/ttyACM0', binding)).rejects.toThrow(
      'Error Resource temporarily unavailable Cannot lock port',
    );
    await first.close();
    const again = await open(binding, '/dev/ttyACM0');
    expect(again.port.isOpen).toBe(true);
  });

  it('fails to open a missing path like bindings-cpp', async () => {
    const binding = setup();
    await expect(openPort('/dev/ttyACM9', binding)).rejects.toThrow(
      'Error: No such file or directory, cannot open /dev/ttyACM9',
    );
  });

  it('closes the port with a disconnect error when the device is unplugged during a read', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM0');
    await settle();
    binding.unplug('/dev/ttyACM0');
    const err = await p.closed;
    expect(err).toMatchObject({ disconnected: true, message: 'EIO: i/o error, read' });
    expect((await binding.list()).map((i) => i.path)).not.toContain('/dev/ttyACM0');
    await expect(openPort('/dev/ttyACM0', binding)).rejects.toThrow('No such file or directory');
  });

  it('a plain close cancels the pending read without a disconnect error', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM0');
    await settle();
    await p.close();
    expect(await p.closed).toBeNull();
  });

  it('surfaces a device that vanishes mid-reply as a disconnect after the partial reply', async () => {
    const sim = new DeviceSimulator({ firmware: 'at', disappearAfterBytes: 30 });
    const binding = setup([{ path: '/dev/ttyACM5', info: {}, simulator: sim }]);
    const p = await open(binding, '/dev/ttyACM5');
    await p.write('AT%ATTESTTOKEN\r\n');
    const err = await p.closed;
    expect(err).toMatchObject({ disconnected: true });
    expect(p.text().startsWith('%ATTESTTOKEN: "2dn3hQFQ')).toBe(true);
    expect(p.text()).toHaveLength(30);
    expect((await binding.list()).map((i) => i.path)).not.toContain('/dev/ttyACM5');
  });

  it('plugging a device back in powers it up again', async () => {
    const sim = new DeviceSimulator({ firmware: 'at', firstCommandError: true });
    const spec = { path: '/dev/ttyACM6', info: { serialNumber: 'X1' }, simulator: sim };
    const binding = setup([spec]);
    let p = await open(binding, '/dev/ttyACM6');
    await p.write('AT\r\nAT\r\n');
    await p.waitFor(/ERROR\r\nOK\r\n$/);
    binding.unplug('/dev/ttyACM6');
    await p.closed;
    expect(sim.state).toBe('off');
    binding.plug(spec);
    p = await open(binding, '/dev/ttyACM6');
    await p.write('AT\r\n');
    // The quirk is armed again after the power cycle.
    await p.waitFor(/^ERROR\r\n$/);
  });

  it('records control lines and baud rate changes', async () => {
    const binding = setup();
    const p = await open(binding, '/dev/ttyACM2');
    await new Promise<void>((resolve, reject) =>
      p.port.set({ dtr: true, rts: false }, (e) => (e ? reject(e) : resolve())),
    );
    expect(binding.controlLines('/dev/ttyACM2')).toMatchObject({ dtr: true, rts: false });
    await new Promise<void>((resolve, reject) =>
      p.port.update({ baudRate: 9600 }, (e) => (e ? reject(e) : resolve())),
    );
    expect(p.port.baudRate).toBe(9600);
    const status = await new Promise((resolve, reject) =>
      p.port.get((e, s) => (e ? reject(e) : resolve(s))),
    );
    expect(status).toEqual({ cts: true, dsr: true, dcd: false });
  });
});
