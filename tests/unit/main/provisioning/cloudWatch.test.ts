import type { CloudDeviceRecord, ProvisioningCommand } from '../../../../src-main/cloud/adapter';
import { watchCloud } from '../../../../src-main/provisioning/cloudWatch';
import { AppError, type AppErrorData } from '../../../../src-shared/ipc/errors';
import type { ProvisioningEvent } from '../../../../src-shared/provisioning/model';

type Poll = { commands: ProvisioningCommand[] | Error; record?: CloudDeviceRecord | Error };

const cmd = (
  id: string,
  type: string,
  status: string,
  extra: Partial<ProvisioningCommand> = {},
) => ({
  id,
  type,
  status,
  ...extra,
});

/** Runs the watch over scripted polls; the sleeps are recorded, not waited. After the script: abort. */
async function watch(polls: Poll[]) {
  const events: ProvisioningEvent[] = [];
  const errors: AppErrorData[] = [];
  const sleeps: number[] = [];
  const controller = new AbortController();
  let index = 0;
  const current = () => polls[Math.min(index, polls.length - 1)]!;
  const outcome = await watchCloud({
    deviceId: 'dev',
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    onError: (e) => errors.push(e),
    sleep: async (ms) => {
      sleeps.push(ms);
      index++;
      if (index >= polls.length) controller.abort();
    },
    adapter: {
      listCommands: async () => {
        const { commands } = current();
        if (commands instanceof Error) throw commands;
        return commands;
      },
      getDevice: async () => {
        const { record } = current();
        if (record instanceof Error) throw record;
        return record ?? { isOnboarded: false };
      },
    },
  });
  const stages = events.flatMap((e) => (e.kind === 'stage' ? [e.stage] : []));
  return { outcome, events, errors, sleeps, stages };
}

const three = (status: string) => [
  cmd('1', 'clientPrivateKeyGeneration', status),
  cmd('2', 'cloudAccessKeyGeneration', status),
  cmd('3', 'serverCertificate', status),
];

describe('watchCloud (docs/protocol.md §6, §7)', () => {
  it('follows the commands to the end and ends when the record turns from 404 to 200', async () => {
    const { outcome, stages, events } = await watch([
      { commands: [] },
      { commands: three('PENDING') },
      { commands: three('IN_PROGRESS') },
      {
        commands: [
          cmd('1', 'clientPrivateKeyGeneration', 'SUCCEEDED'),
          cmd('2', 'cloudAccessKeyGeneration', 'SUCCEEDED'),
          cmd('3', 'serverCertificate', 'IN_PROGRESS'),
        ],
      },
      { commands: three('SUCCEEDED') },
      { commands: three('SUCCEEDED'), record: { isOnboarded: true } },
    ]);
    expect(outcome).toBe('connected');
    expect(stages).toEqual([
      'commands-received',
      'keys-generated',
      'certificates-installed',
      'finished',
      'connected',
    ]);
    const statusesOf3 = events.flatMap((e) =>
      e.kind === 'command' && e.id === '3' ? [e.status] : [],
    );
    expect(statusesOf3).toEqual(['PENDING', 'IN_PROGRESS', 'SUCCEEDED']);
  });

  it('takes connection.status connected as connected, but not a record that says disconnected', async () => {
    const { outcome, stages } = await watch([
      { commands: [], record: { isOnboarded: true, connectionStatus: 'disconnected' } },
      { commands: [], record: { isOnboarded: true } },
      { commands: [], record: { isOnboarded: true, connectionStatus: 'connected' } },
    ]);
    expect(outcome).toBe('connected');
    expect(stages).toEqual(['connected']);
  });

  it('keeps unknown statuses as they are, and a failed command is PROVISIONING_COMMAND_FAILED once', async () => {
    const { events, outcome } = await watch([
      {
        commands: [
          cmd('1', 'clientPrivateKeyGeneration', 'FAILED', {
            errorText: 'AT cmd failed, error: 65536',
          }),
          cmd('2', 'serverCertificate', 'CANCELLED'),
        ],
      },
      {
        commands: [
          cmd('1', 'clientPrivateKeyGeneration', 'FAILED'),
          cmd('2', 'serverCertificate', 'CANCELLED'),
        ],
      },
    ]);
    expect(outcome).toBe('aborted');
    expect(events).toEqual([
      {
        kind: 'command',
        id: '1',
        type: 'clientPrivateKeyGeneration',
        status: 'FAILED',
        text: 'clientPrivateKeyGeneration: FAILED',
      },
      {
        kind: 'failure',
        code: 'PROVISIONING_COMMAND_FAILED',
        isFatal: true,
        source: 'cloud',
        text: expect.stringMatching(
          /clientPrivateKeyGeneration command as FAILED \(AT cmd failed, error: 65536\)/,
        ),
      },
      {
        kind: 'command',
        id: '2',
        type: 'serverCertificate',
        status: 'CANCELLED',
        text: 'serverCertificate: CANCELLED',
      },
      { kind: 'stage', stage: 'commands-received', source: 'cloud', text: expect.any(String) },
    ]);
  });

  it('backs off 2 s doubling to 15 s while nothing changes, and starts again at 2 s on news', async () => {
    const quiet = { commands: [] };
    const { sleeps } = await watch([
      quiet,
      quiet,
      quiet,
      quiet,
      quiet,
      { commands: three('PENDING') },
      quiet,
    ]);
    expect(sleeps).toEqual([2000, 4000, 8000, 15000, 15000, 2000, 4000]);
  });

  it('429s and network errors do not end the watch: they back off and it goes on', async () => {
    const limited = new AppError('RATE_LIMITED', 'HTTP 429');
    const offline = new AppError('NETWORK_UNREACHABLE', 'offline');
    const { outcome, errors, sleeps } = await watch([
      { commands: limited },
      { commands: [], record: offline },
      { commands: three('SUCCEEDED'), record: { isOnboarded: false } },
      { commands: three('SUCCEEDED'), record: { isOnboarded: true } },
    ]);
    expect(outcome).toBe('connected');
    expect(errors.map((e) => e.code)).toEqual(['RATE_LIMITED', 'NETWORK_UNREACHABLE']);
    expect(sleeps).toEqual([2000, 4000, 2000]);
  });

  it('says finished when the commands it saw leave the list without failing', async () => {
    const { stages } = await watch([{ commands: three('IN_PROGRESS') }, { commands: [] }]);
    expect(stages).toEqual(['commands-received', 'finished']);
  });

  it('ends at once when aborted, also in the middle of a call', async () => {
    const controller = new AbortController();
    controller.abort();
    const calls: string[] = [];
    const adapter = {
      listCommands: async () => {
        calls.push('list');
        return [];
      },
      getDevice: async () => ({ isOnboarded: false }) as const,
    };
    expect(
      await watchCloud({
        adapter,
        deviceId: 'd',
        signal: controller.signal,
        onEvent: () => undefined,
      }),
    ).toBe('aborted');
    expect(calls).toEqual([]);

    const later = new AbortController();
    const cancelling = {
      listCommands: async () => {
        later.abort();
        throw new AppError('CANCELLED', 'cancelled');
      },
      getDevice: adapter.getDevice,
    };
    expect(
      await watchCloud({
        adapter: cancelling,
        deviceId: 'd',
        signal: later.signal,
        onEvent: () => undefined,
      }),
    ).toBe('aborted');
  });
});

describe('watchCloud over the local nRF Cloud', () => {
  it('sees a device provisioned through the device link and then connected', async () => {
    const { startFakeCloud } = await import('../../../../src-main/sim/fakeCloud/server');
    const { createApiKeyAdapter } = await import('../../../../src-main/cloud/restClient');
    const { FAKE_DEMO_KEY } = await import('../../../../src-main/sim/fakeCloud/teams');
    const { makeToken } = await import('../cloud/helpers');
    const cloud = await startFakeCloud();
    try {
      const adapter = createApiKeyAdapter({
        apiKey: FAKE_DEMO_KEY,
        apiBaseUrl: cloud.apiBaseUrl,
        provisioningBaseUrl: cloud.provisioningBaseUrl,
      });
      const { token, deviceUuid } = makeToken();
      await adapter.claim(token, ['nrf-cloud-onboarding']);
      const link = cloud.deviceLink();
      // Each wait of the watcher is one step of the device's provisioning round.
      const steps = [
        async () => {
          const answer = await link.fetchCommands(deviceUuid);
          if (answer.kind !== 'commands') throw new Error(answer.kind);
          await link.reportResults(
            deviceUuid,
            answer.commands.map((c) => ({ id: c.id, isOk: true })),
          );
        },
        async () => {
          await link.connect(deviceUuid, deviceUuid);
        },
      ];
      const events: ProvisioningEvent[] = [];
      const outcome = await watchCloud({
        adapter,
        deviceId: deviceUuid,
        signal: new AbortController().signal,
        onEvent: (e) => events.push(e),
        sleep: async () => {
          await steps.shift()?.();
        },
      });
      expect(outcome).toBe('connected');
      expect(events.flatMap((e) => (e.kind === 'stage' ? [e.stage] : []))).toEqual([
        'commands-received',
        'keys-generated',
        'certificates-installed',
        'finished',
        'connected',
      ]);
    } finally {
      await cloud.close();
    }
  });
});
