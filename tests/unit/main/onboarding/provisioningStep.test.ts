import { AppError } from '../../../../src-shared/ipc/errors';
import type {
  ProvisioningEvent,
  ProvisioningFamily,
} from '../../../../src-shared/provisioning/model';
import type {
  CloudProvisioningWatch,
  DeviceProvisioning,
  ProvisioningParts,
  ProvisioningSession,
} from '../../../../src-main/onboarding/provisioningRun';
import { JobHarness, makeKits, type FakeKit } from './jobHarness';

type StartInput = Parameters<DeviceProvisioning['start']>[0];

/** A device side whose family and lines a test writes; its script runs once the trigger is out. */
class FakeDevice implements DeviceProvisioning {
  readonly detected: string[] = [];
  readonly triggered: string[] = [];
  triggerError: AppError | undefined;

  constructor(
    private readonly family: ProvisioningFamily,
    private readonly script: (input: StartInput) => Promise<void> | void = () => undefined,
  ) {}

  detect(session: ProvisioningSession) {
    this.detected.push(session.mode);
    return Promise.resolve({ family: this.family, reason: `the test says ${this.family}` });
  }

  start(input: StartInput): Promise<void> {
    if (this.triggerError) return Promise.reject(this.triggerError);
    this.triggered.push(input.family);
    setTimeout(() => void this.script(input), 0);
    return Promise.resolve();
  }
}

const stage = (s: Extract<ProvisioningEvent, { kind: 'stage' }>['stage']): ProvisioningEvent => ({
  kind: 'stage',
  stage: s,
  source: 'device',
  text: `<inf> ${s}`,
});
const lte = (isUp: boolean): ProvisioningEvent => ({
  kind: 'lte',
  isUp,
  source: 'device',
  text: isUp ? '+CEREG: 1' : '+CEREG: 0',
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A normal round with two LTE drops on the way (docs/protocol.md §8.4). */
async function happyRound({ onEvent }: StartInput): Promise<void> {
  for (const event of [
    stage('waiting-for-device'),
    stage('commands-received'),
    lte(false),
    stage('keys-generated'),
    stage('certificates-installed'),
    lte(true),
    lte(false),
    lte(true),
    stage('finished'),
    stage('connecting'),
    stage('connected'),
  ]) {
    onEvent(event);
    await tick();
  }
}

let harness: JobHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function setUp(parts: Partial<ProvisioningParts> & { device: DeviceProvisioning }) {
  const kits = makeKits(1);
  harness = new JobHarness(kits, {
    provisioning: { reopenTimeoutMs: 200, noCommandsGraceMs: 30, ...parts },
  });
  return { h: harness, kit: kits[0]! };
}

const target = (kit: FakeKit) => ({ path: kit.path, serialNumber: kit.serialNumber });

describe('provisioning after the claim', () => {
  it('a shell device ends connected, with its milestones timed since the claim and LTE drops counted', async () => {
    const device = new FakeDevice('shell', happyRound);
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber)).toEqual([
      'waiting',
      'connecting',
      'reading',
      'journaling',
      'checking',
      'claiming',
      'provisioning',
      'connected',
    ]);
    expect(done).toMatchObject({ state: 'connected', phase: 'connected' });
    expect(done.stepText).toBe('Connected to nRF Cloud');
    const view = done.provisioning!;
    expect(view).toMatchObject({ family: 'shell', stage: 'connected', lteDrops: 2 });
    expect(view.error).toBeUndefined();
    expect(view.stages.map((s) => s.stage)).toEqual([
      'triggered',
      'waiting-for-device',
      'commands-received',
      'keys-generated',
      'certificates-installed',
      'finished',
      'connecting',
      'connected',
    ]);
    const times = view.stages.map((s) => s.sinceClaimMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(device.triggered).toEqual(['shell']);
    expect(h.journal.list()[0]).toMatchObject({
      claimStatus: 'claimed',
      provisioning: { outcome: 'connected', family: 'shell' },
    });
    expect(h.journal.list()[0]?.provisioning?.ms).toBeGreaterThanOrEqual(0);
    expect(h.openPorts.size).toBe(0);
  });

  it('AT-host firmware ends claimed with a note, and the journal says why', async () => {
    const device = new FakeDevice('at-host');
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber).slice(-2)).toEqual(['provisioning', 'claimed']);
    expect(done.provisioning?.note).toMatch(/cannot fetch its credentials/);
    expect(done.provisioning?.skipReason).toBe('unsupported');
    expect(done.stepText).toMatch(/cannot fetch its credentials/);
    expect(device.triggered).toEqual([]);
    expect(h.journal.list()[0]?.provisioning).toMatchObject({
      outcome: 'not-provisioned',
      family: 'at-host',
      code: 'PROVISIONING_UNSUPPORTED',
    });
  });

  it('provision: false ends claimed without touching the device, journaled as not provisioned', async () => {
    const device = new FakeDevice('shell', happyRound);
    const { h, kit } = setUp({ device });
    h.service.start(target(kit), { provision: false });
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('claimed');
    expect(device.detected).toEqual([]);
    // Main names the reason as a code; the stepper reads that, not the note's words.
    expect(done.provisioning).toMatchObject({
      skipReason: 'turned-off',
      family: 'none',
      stages: [],
      note: expect.stringMatching(/turned off/),
    });
    expect(done.stepText).toBe('Claimed on nRF Cloud');
    expect(h.journal.list()[0]?.provisioning).toMatchObject({ outcome: 'not-provisioned' });
  });

  it('the setting turns it off for jobs started without an option', async () => {
    const device = new FakeDevice('shell', happyRound);
    const kits = makeKits(1);
    harness = new JobHarness(kits, {
      provisioning: { device },
      provisioningSettings: () => ({ isOn: false, timeoutMs: 1000 }),
    });
    harness.service.start(target(kits[0]!));
    const done = await harness.finish(kits[0]!.serialNumber);
    expect(done.state).toBe('claimed');
    expect(done.provisioning?.skipReason).toBe('turned-off');
    expect(device.detected).toEqual([]);
  });

  it('a fatal failure ends the job with its code, journaled', async () => {
    const device = new FakeDevice('serial-modem', ({ onEvent }) => {
      onEvent(stage('waiting-for-device'));
      onEvent({
        kind: 'failure',
        code: 'PROVISIONING_WRONG_ROOT_CA',
        isFatal: true,
        source: 'device',
        text: '#XNRFPROV: -3',
      });
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('PROVISIONING_WRONG_ROOT_CA');
    expect(done.error?.message).toContain(kit.path);
    expect(done.explanation?.title).toMatch(/root certificate/);
    expect(done.provisioning?.error?.code).toBe('PROVISIONING_WRONG_ROOT_CA');
    expect(h.journal.list()[0]?.provisioning).toMatchObject({
      outcome: 'failed',
      family: 'serial-modem',
      code: 'PROVISIONING_WRONG_ROOT_CA',
    });
  });

  it('a failure the device retries is given until the limit, which names it', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => {
      onEvent({
        kind: 'failure',
        code: 'PROVISIONING_NO_TIME',
        isFatal: false,
        source: 'device',
        text: 'Failed to get valid modem time',
      });
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit), { provisionTimeoutMs: 80 });
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_NO_TIME');
    expect(done.error?.message).toMatch(/kept retrying after: Failed to get valid modem time/);
    expect(done.provisioning?.timeoutMs).toBe(80);
  });

  it('a retried failure that names no cause leaves the limit PROVISIONING_TIMEOUT', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => {
      onEvent(stage('waiting-for-device'));
      onEvent({
        kind: 'failure',
        code: 'PROVISIONING_FAILED',
        isFatal: false,
        source: 'device',
        text: 'Provisioning failed, error: -11',
      });
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit), { provisionTimeoutMs: 80 });
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_TIMEOUT');
    expect(done.error?.message).toMatch(
      /waiting-for-device; the device last retried after PROVISIONING_FAILED/,
    );
  });

  it('"no commands" and then the limit, before the grace is over, is PROVISIONING_NO_COMMANDS', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => {
      onEvent({ kind: 'no-commands', source: 'device', text: 'No commands to process' });
    });
    const { h, kit } = setUp({ device, noCommandsGraceMs: 60_000 });
    h.service.start(target(kit), { provisionTimeoutMs: 80 });
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_NO_COMMANDS');
    expect(done.error?.message).toMatch(/did not connect within the 0 s limit/);
  });

  // A failure that names no cause on a modem the service cannot serve (§14.5), as the token
  // reading learned the modem: Serial Modem's bare #XNRFPROV: -1, or a timeout.
  const bare = (code: 'PROVISIONING_FAILED' | 'PROVISIONING_TIMEOUT') =>
    new FakeDevice('serial-modem', ({ onEvent }) => {
      if (code === 'PROVISIONING_FAILED')
        onEvent({ kind: 'failure', code, isFatal: true, source: 'device', text: '#XNRFPROV: -1' });
    });

  it.each([
    ['nRF9160-SICA', 'mfw_nrf9160_1.3.5', 'PROVISIONING_FAILED', /nRF9160/],
    ['nRF9161-LACA', 'mfw_nrf91x1_1.9.9', 'PROVISIONING_TIMEOUT', /older than 2\.0\.0/],
  ] as const)(
    'a bare failure on %s %s (%s) is PROVISIONING_MODEM_TOO_OLD',
    async (model, firmware, code, why) => {
      const { h, kit } = setUp({ device: bare(code) });
      kit.mode = 'slm';
      kit.model = model;
      kit.firmware = firmware;
      h.service.start(target(kit), { provisionTimeoutMs: 80 });
      const done = await h.finish(kit.serialNumber);
      expect(done.error?.code).toBe('PROVISIONING_MODEM_TOO_OLD');
      expect(done.error?.message).toMatch(why);
      expect(h.journal.list()[0]?.provisioning?.code).toBe('PROVISIONING_MODEM_TOO_OLD');
    },
  );

  it('a bare failure on a modem that can be provisioned keeps its code', async () => {
    const { h, kit } = setUp({ device: bare('PROVISIONING_FAILED') });
    kit.mode = 'slm';
    h.service.start(target(kit));
    expect((await h.finish(kit.serialNumber)).error?.code).toBe('PROVISIONING_FAILED');
  });

  it('the trigger refused ends PROVISIONING_TRIGGER_FAILED', async () => {
    const device = new FakeDevice('shell');
    device.triggerError = new AppError('PROVISIONING_TRIGGER_FAILED', 'nrf_provisioning: ERROR');
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_TRIGGER_FAILED');
    expect(h.journal.list()[0]?.provisioning?.code).toBe('PROVISIONING_TRIGGER_FAILED');
  });

  it('"no commands" before any command, and no connection after a grace, is PROVISIONING_NO_COMMANDS', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => {
      onEvent({ kind: 'no-commands', source: 'device', text: 'No commands to process' });
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_NO_COMMANDS');
  });

  it('"no commands" after commands ran is the end of the round, not a failure', async () => {
    const device = new FakeDevice('shell', async ({ onEvent }) => {
      onEvent(stage('commands-received'));
      onEvent({ kind: 'no-commands', source: 'device', text: 'No commands to process' });
      await new Promise((resolve) => setTimeout(resolve, 60));
      onEvent(stage('connected'));
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('connected');
    expect(done.provisioning?.stages.map((s) => s.stage)).toContain('finished');
  });

  const refused: ProvisioningEvent = {
    kind: 'cloud-refused',
    source: 'device',
    text: 'nRF Cloud CoAP connection failed, unauthorized or invalid credentials',
  };

  it('nRF Cloud refusing the device after "no commands" with none seen is PROVISIONING_NO_COMMANDS at once', async () => {
    const device = new FakeDevice('att', ({ onEvent, deviceId }) => {
      onEvent({ kind: 'no-commands', source: 'device', text: 'No commands from the service' });
      onEvent({ kind: 'client-id', clientId: deviceId, text: 'client ID' });
      onEvent(stage('connecting'));
      onEvent(refused);
    });
    const { h, kit } = setUp({ device, noCommandsGraceMs: 60_000 });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_NO_COMMANDS');
    expect(done.error?.message).toMatch(/nRF Cloud refused its connection/);
  });

  it('nRF Cloud refusing the device after new credentials, no client id heard, is PROVISIONING_DEVICE_ID_MISMATCH', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => {
      onEvent(stage('commands-received'));
      onEvent(stage('certificates-installed'));
      onEvent(stage('finished'));
      onEvent(refused);
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_DEVICE_ID_MISMATCH');
    expect(done.error?.message).toContain(kit.deviceUuid);
  });

  it('a refusal before provisioning (ATT tries its old credentials first) is retried, not a failure', async () => {
    const device = new FakeDevice('att', async ({ onEvent }) => {
      onEvent(refused);
      await tick();
      await happyRound({ onEvent } as StartInput);
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    expect((await h.finish(kit.serialNumber)).state).toBe('connected');
  });

  it('a client id other than the claim id is PROVISIONING_DEVICE_ID_MISMATCH', async () => {
    const device = new FakeDevice('att', ({ onEvent }) => {
      onEvent({ kind: 'client-id', clientId: 'nrf-352656100000000', text: 'client ID: nrf-…' });
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('PROVISIONING_DEVICE_ID_MISMATCH');
    expect(done.error?.message).toContain(kit.deviceUuid);
  });

  it('the same id in another case is no mismatch', async () => {
    const device = new FakeDevice('att', ({ onEvent, deviceId }) => {
      onEvent({ kind: 'client-id', clientId: deviceId.toUpperCase(), text: 'client ID' });
      onEvent(stage('connected'));
    });
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    expect((await h.finish(kit.serialNumber)).state).toBe('connected');
  });

  it('the port re-enumerating (ATT reboot) is waited for, not an unplug', async () => {
    const box = {} as { h: JobHarness; kit: FakeKit };
    const device = new FakeDevice('att', async (input) => {
      box.h.vanish(box.kit.path);
      const session = await input.reopen();
      expect(session.mode).toBe('at-host');
      input.onEvent(stage('connected'));
    });
    Object.assign(box, setUp({ device }));
    const { h, kit } = box;
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber)).not.toContain('unplugged');
    expect(done.state).toBe('connected');
    expect(h.connects).toEqual([kit.path, kit.path]);
    expect(h.openPorts.size).toBe(0);
  });

  it('lines from the port opened again reach the device side through the same session', async () => {
    const box = {} as { h: JobHarness; kit: FakeKit };
    const device = new FakeDevice('att', async (input) => {
      input.session.onUnsolicited((line) => {
        if (line === 'connected') input.onEvent(stage('connected'));
      });
      box.h.vanish(box.kit.path);
      await input.reopen();
      box.h.emitLine(box.kit.path, 'connected');
    });
    Object.assign(box, setUp({ device }));
    const { h, kit } = box;
    h.service.start(target(kit));
    expect((await h.finish(kit.serialNumber)).state).toBe('connected');
  });

  it('a port that stays away ends the job unplugged, journaled as failed', async () => {
    const box = {} as { h: JobHarness; kit: FakeKit };
    const device = new FakeDevice('shell', () => {
      box.kit.connectError = new AppError('PORT_NOT_FOUND', 'gone');
      box.h.vanish(box.kit.path);
    });
    Object.assign(box, setUp({ device }));
    const { h, kit } = box;
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('unplugged');
    expect(done.error?.code).toBe('PORT_GONE');
    expect(h.journal.list()[0]?.provisioning).toMatchObject({
      outcome: 'failed',
      code: 'PORT_GONE',
    });
  });

  it('the confirm flow let go of the port: provisioning opens it again', async () => {
    const device = new FakeDevice('shell', happyRound);
    const { h, kit } = setUp({ device });
    h.service.start(target(kit), { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    await h.until(() => h.openPorts.size === 0);
    h.service.claim(kit.serialNumber);
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('connected');
    expect(h.connects).toEqual([kit.path, kit.path]);
  });

  it('a device already claimed by the team is provisioned too (it may lack credentials)', async () => {
    const device = new FakeDevice('shell', happyRound);
    const { h, kit } = setUp({ device });
    kit.mode = 'shell';
    h.alreadyClaimed.add(kit.deviceUuid);
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('connected');
    expect(done.claim?.alreadyClaimedByYou ?? done.dryRun?.alreadyClaimedByYou).not.toBe(false);
  });

  it('an AT-host device already claimed by the team stays already-claimed (it cannot fetch them)', async () => {
    const device = new FakeDevice('at-host');
    const { h, kit } = setUp({ device });
    h.alreadyClaimed.add(kit.deviceUuid);
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('already-claimed');
    expect(device.detected).toEqual([]);
    // The board and the journal say why it stops there, as for an AT-host device it claimed.
    expect(done.provisioning).toMatchObject({ family: 'at-host', skipReason: 'unsupported' });
    expect(done.provisioning?.note).toMatch(/no provisioning client/);
    expect(h.journal.list()[0]?.provisioning).toMatchObject({
      outcome: 'not-provisioned',
      code: 'PROVISIONING_UNSUPPORTED',
    });
  });

  it('a shell device already claimed whose firmware turns out to have no client stays already-claimed', async () => {
    const device = new FakeDevice('at-host');
    const { h, kit } = setUp({ device });
    kit.mode = 'shell';
    h.alreadyClaimed.add(kit.deviceUuid);
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(device.detected).toEqual(['shell']);
    expect(done.state).toBe('already-claimed');
    expect(done.provisioning?.skipReason).toBe('unsupported');
  });

  it('a device seen connected earlier today is not provisioned again', async () => {
    const device = new FakeDevice('shell', happyRound);
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    await h.finish(kit.serialNumber);
    h.service.start(target(kit));
    const second = await h.finish(kit.serialNumber);
    expect(second.state).toBe('already-claimed');
    expect(device.triggered).toEqual(['shell']);
  });

  it('cancel during provisioning ends cancelled and releases the port', async () => {
    const device = new FakeDevice('shell', ({ onEvent }) => onEvent(stage('waiting-for-device')));
    const { h, kit } = setUp({ device });
    h.service.start(target(kit));
    await h.until(() => h.service.get(kit.serialNumber)?.provisioning?.stage !== undefined);
    h.service.cancel(kit.serialNumber);
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('cancelled');
    expect(h.openPorts.size).toBe(0);
  });

  it("folds the cloud's command statuses and device record", async () => {
    const device = new FakeDevice('serial-modem');
    const cloud: CloudProvisioningWatch = async ({ onEvent, deviceId }) => {
      await tick();
      onEvent({
        kind: 'command',
        id: 'c1',
        type: 'clientPrivateKeyGeneration',
        status: 'PENDING',
        text: 'c1 PENDING',
      });
      onEvent({
        kind: 'command',
        id: 'c1',
        type: 'clientPrivateKeyGeneration',
        status: 'SUCCEEDED',
        text: 'c1 SUCCEEDED',
      });
      onEvent({
        kind: 'stage',
        stage: 'connected',
        source: 'cloud',
        text: `GET /v1/devices/${deviceId}: 200`,
      });
    };
    const { h, kit } = setUp({ device, cloud });
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('connected');
    expect(done.provisioning?.commands).toEqual([
      { id: 'c1', type: 'clientPrivateKeyGeneration', status: 'SUCCEEDED' },
    ]);
    expect(done.provisioning?.stages.map((s) => [s.stage, s.source])).toEqual([
      ['triggered', 'app'],
      ['commands-received', 'cloud'],
      ['finished', 'cloud'],
      ['connected', 'cloud'],
    ]);
  });

  it('without provisioning parts jobs end at the claim, as before', async () => {
    const kits = makeKits(1);
    harness = new JobHarness(kits);
    harness.service.start(target(kits[0]!));
    const done = await harness.finish(kits[0]!.serialNumber);
    expect(done.state).toBe('claimed');
    expect(done.provisioning).toBeUndefined();
    expect(harness.journal.list()[0]?.provisioning).toBeUndefined();
  });
});
