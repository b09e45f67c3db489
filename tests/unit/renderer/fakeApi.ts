/** A fake `window.api` for renderer tests: canned Results, recorded calls, and events tests can emit. */
import { vi } from 'vitest';
import type { ProvisioningView } from '../../../src-shared/ipc/provisioning';
import type { Api } from '../../../src-renderer/src/bridge';
import type { Device } from '../../../src-shared/devices/index';
import type { DeviceSnapshot, AttestResult, ConnectResult } from '../../../src-shared/ipc/serial';
import type { KeyStatus, ClaimView } from '../../../src-shared/ipc/cloud';
import type { PublicSettings } from '../../../src-shared/ipc/settings';
import type { AppInfo } from '../../../src-shared/ipc/app';
import type { CloudQueueView, JobView } from '../../../src-shared/ipc/onboarding';
import { ok, type ErrorCode, type Result } from '../../../src-shared/ipc/errors';
import { createFakeOnboarding } from './fakeOnboarding';

/** A real nRF9160 token from docs/protocol.md (UUID 50363154-3931-44f0-8022-121b6401627d). */
export const TOKEN =
  '2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY';
export const UUID = '50363154-3931-44f0-8022-121b6401627d';

/** A shell device's provisioning view, changed by `extra` (stage, note, error...). */
export const provisioningView = (extra: Partial<ProvisioningView> = {}): ProvisioningView => ({
  family: 'shell',
  familyReason: '`help` lists nrf_provisioning',
  stages: [],
  commands: [],
  lteDrops: 0,
  timeoutMs: 300_000,
  ...extra,
});

export const failWith = (code: ErrorCode, message = `${code} happened`): Result<never> => ({
  ok: false,
  error: { code, message },
});

export function device(serial = '001051234567', name = 'nRF9151 DK'): Device {
  const base = `/dev/serial/by-id/usb-SEGGER_J-Link_${serial}`;
  return {
    id: serial,
    kit: 'nrf9151dk',
    name,
    serialNumber: serial,
    atPortPath: `${base}-if00`,
    ports: [
      {
        path: `${base}-if00`,
        role: 'at',
        interfaceNumber: 0,
        vendorId: '1366',
        productId: '1059',
        serialNumber: serial,
      },
      {
        path: `${base}-if02`,
        role: 'other',
        interfaceNumber: 2,
        vendorId: '1366',
        productId: '1059',
        serialNumber: serial,
      },
    ],
  };
}

export function snapshot(
  devices: Device[] = [device()],
  extra: Partial<DeviceSnapshot> = {},
): DeviceSnapshot {
  return { devices, otherPorts: [], pollIntervalMs: 2000, scannedAt: 1, ...extra };
}

export const connectResult = (path: string): ConnectResult => ({
  sessionId: 'session-1',
  path,
  mode: 'shell',
  modeDescription: 'Zephyr shell: commands are sent with the `at ` prefix',
});

export const attestResult = (warnings: string[] = []): AttestResult => ({
  journalId: 'journal-1',
  token: TOKEN,
  decoded: {
    token: TOKEN,
    messageType: 1,
    deviceUuid: UUID,
    deviceType: 3,
    deviceTypeName: 'nRF9160 SICA',
    modemFirmwareUuid: '1aff3acb-f1a6-4764-a263-4c2646c1c654',
    nonceHex: 'd3efdd7f04f1fc60e5858b2087343d6a',
  },
  mode: 'shell',
  model: 'nRF9160-SICA',
  firmware: 'mfw_nrf9160_1.3.2',
  imei: '351358811234567',
  warnings,
});

export const keyStatus = (hasApiKey: boolean, extra: Partial<KeyStatus> = {}): KeyStatus =>
  hasApiKey
    ? {
        hasApiKey: true,
        teamName: 'Bench Team',
        role: 'owner',
        maskedKey: '••••••••abcd',
        canClaim: true,
        isEncryptionWeak: false,
        encryptionBackend: 'gnome_libsecret',
        keys: [
          {
            id: 'k1',
            teamName: 'Bench Team',
            tenantId: 't1',
            role: 'owner',
            maskedKey: '••••••••abcd',
            isActive: true,
            canClaim: true,
          },
        ],
        ...extra,
      }
    : {
        hasApiKey: false,
        isEncryptionWeak: false,
        encryptionBackend: 'gnome_libsecret',
        keys: [],
        ...extra,
      };

export const claimView = (extra: Partial<ClaimView> = {}): ClaimView => ({
  deviceId: UUID,
  deviceType: 'nrf9160_SICA',
  status: 'READY',
  claimedAt: '2025-05-01T10:00:00Z',
  tags: ['nrf-cloud-onboarding'],
  alreadyClaimedByYou: false,
  portalUrl: `https://nrfcloud.com/#/devices/${UUID}`,
  ...extra,
});

export const settings = (): PublicSettings => ({
  theme: 'light',
  baudRate: 115200,
  rtscts: false,
  claimTags: ['nrf-cloud-onboarding'],
  apiBaseUrl: 'https://api.nrfcloud.com/v1/',
  provisioningBaseUrl: 'https://api.provisioning.nrfcloud.com/v1/',
  portalBaseUrl: 'https://nrfcloud.com/',
  isProvisioningOn: true,
  provisioningTimeoutS: 300,
  isAutoClaimOn: false,
});

export const appInfo = (isDemo = false): AppInfo => ({
  name: 'Onboarder',
  version: '0.1.0',
  platform: 'linux',
  isDemo,
  dataDir: '/home/tech/.config/onboarder',
});

/** A job as main reports it; by default the kit of `device()` waiting to start. */
export const jobView = (extra: Partial<JobView> = {}): JobView => ({
  id: '001051234567',
  port: '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if00',
  serialNumber: '001051234567',
  kit: 'nrf9151dk',
  kitName: 'nRF9151 DK',
  state: 'waiting',
  phase: 'waiting',
  stepText: 'Waiting to start',
  tags: ['nrf-cloud-onboarding'],
  isClaimRequested: true,
  isConfirmRequired: false,
  attempt: 1,
  warnings: [],
  steps: [{ step: 'waiting', startedAt: '2025-05-01T10:00:00.000Z' }],
  startedAt: '2025-05-01T10:00:00.000Z',
  elapsedMs: 0,
  ...extra,
});

export const queueView = (extra: Partial<CloudQueueView> = {}): CloudQueueView => ({
  concurrency: 4,
  active: 0,
  waiting: 0,
  ...extra,
});

type EventMethod = { [K in keyof Api]: K extends `on${string}` ? K : never }[keyof Api];
type PayloadOf<K extends EventMethod> = Api[K] extends (
  listener: (payload: infer P) => void,
) => () => void
  ? P
  : never;

export interface FakeApi {
  api: Api;
  /** Delivers an event to every listener the renderer registered. */
  emit: <K extends EventMethod>(method: K, payload: PayloadOf<K>) => void;
  listenerCount: (method: EventMethod) => number;
}

/** Builds a fake Api where every method succeeds with a plausible answer unless overridden. */
export function createFakeApi(overrides: Partial<Api> = {}): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const deliver = (method: string, payload: unknown) =>
    listeners.get(method)?.forEach((listener) => listener(payload));
  // eslint-disable-next-line prefer-const -- the fake main calls the api built below
  let api: Api;
  const main = createFakeOnboarding(
    () => api,
    deliver,
    (id) => jobView({ id }),
  );
  const subscribe = (method: string) =>
    vi.fn((listener: (payload: never) => void) => {
      const set = listeners.get(method) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(method, set);
      return () => set.delete(listener as (payload: unknown) => void);
    });

  const defaults: Api = {
    getInfo: vi.fn(async () => ok(appInfo())),
    openExternal: vi.fn(async () => ok(undefined)),
    copyText: vi.fn(async () => ok(undefined)),
    saveTextFile: vi.fn(async () => ok({ path: '/home/tech/token.txt' })),
    enableDemo: vi.fn(async () => ok(appInfo(true))),
    disableDemo: vi.fn(async () => ok(appInfo(false))),
    onNotice: subscribe('onNotice'),
    listNotices: vi.fn(async () => ok([])),
    dismissNotice: vi.fn(async () => ok(undefined)),
    onNoticesChanged: subscribe('onNoticesChanged'),
    getSettings: vi.fn(async () => ok(settings())),
    updateSettings: vi.fn(async (patch) => ok({ ...settings(), ...patch } as PublicSettings)),
    listDevices: vi.fn(async () => ok(snapshot())),
    connect: vi.fn(async ({ path }) => ok(connectResult(path))),
    disconnect: vi.fn(async () => ok(undefined)),
    sendCommand: vi.fn(async ({ command }) =>
      ok({
        command,
        sentAs: `at ${command}`,
        lines: ['OK'],
        final: 'OK',
        mode: 'shell' as const,
        durationMs: 12,
      }),
    ),
    attest: vi.fn(async () => ok(attestResult())),
    cancel: vi.fn(async () => ok(undefined)),
    getTranscript: vi.fn(async ({ path }) =>
      ok([
        {
          t: 1_700_000_000_000,
          port: path ?? '/dev/x',
          dir: 'tx' as const,
          text: 'at AT%ATTESTTOKEN\r\n',
        },
        { t: 1_700_000_000_100, port: path ?? '/dev/x', dir: 'rx' as const, text: 'OK' },
        { t: 1_700_000_000_200, port: path ?? '/dev/x', dir: 'note' as const, text: 'mode: shell' },
      ]),
    ),
    onDevicesChanged: subscribe('onDevicesChanged'),
    onProgress: subscribe('onProgress'),
    onSessionClosed: subscribe('onSessionClosed'),
    decodeToken: vi.fn(async () => ok(attestResult().decoded)),
    getKeyStatus: vi.fn(async () => ok(keyStatus(true))),
    addApiKey: vi.fn(async () => ok(keyStatus(true))),
    setActiveKey: vi.fn(async () => ok(keyStatus(true))),
    removeKey: vi.fn(async () => ok(keyStatus(false))),
    dryRun: vi.fn(async () => ok({ claimable: true, alreadyClaimedByYou: false })),
    claim: vi.fn(async () => ok(claimView())),
    unclaim: vi.fn(main.unclaim),
    createOnboardingRule: vi.fn(async () =>
      ok({
        name: 'nRF Cloud Onboarding',
        tags: ['nrf-cloud-onboarding'],
        isActive: true,
        commandTypes: [
          'clientPrivateKeyGeneration',
          'cloudAccessKeyGeneration',
          'serverCertificate',
        ],
        wasCreated: true,
      }),
    ),
    onRetryScheduled: subscribe('onRetryScheduled'),
    listJournal: vi.fn(main.listJournal),
    addToken: vi.fn(async () => failWith('INTERNAL')),
    discardEntry: vi.fn(async () => ok(undefined)),
    exportCsv: vi.fn(async () => ok({ path: '/home/tech/journal.csv' })),
    importCsv: vi.fn(async () => ok({ added: 1, skipped: 0, errors: [] })),
    claimPending: vi.fn(async () => ok({ claimed: 1, alreadyClaimed: 0, failed: 0, notTried: 0 })),
    onJournalChanged: subscribe('onJournalChanged'),
    probePorts: vi.fn(async () => ok([])),
    findHolders: vi.fn(async () => ok([])),
    runPermissionDoctor: vi.fn(async () => ok([])),
    getUsbTimeline: vi.fn(async () => ok({ entries: [], flapping: [] })),
    explainError: vi.fn(async ({ error }) =>
      ok({
        title: `About ${error.code}`,
        cause: 'Something specific.',
        fix: 'Do the specific thing.',
      }),
    ),
    saveSupportBundle: vi.fn(async () => ok({ path: '/home/tech/bundle.zip' })),
    copyTicketSummary: vi.fn(async () => ok({ text: 'summary' })),
    startJob: vi.fn(main.startJob),
    retryJob: vi.fn(async ({ id }) => ok(jobView({ id, attempt: 2 }))),
    cancelJob: vi.fn(main.cancelJob),
    releasePort: vi.fn(async () => ok(undefined)),
    claimJob: vi.fn(main.claimJob),
    listJobs: vi.fn(async () => ok({ jobs: [], queue: queueView(), isAuto: false })),
    setAuto: vi.fn(async ({ isAuto }) => ok({ jobs: [], queue: queueView(), isAuto })),
    exportReport: vi.fn(async () => ok({ path: '/home/tech/onboarding-report.csv' })),
    onJobChanged: subscribe('onJobChanged'),
  };
  const merged = { ...defaults, ...overrides } as Api;
  // Main knows the kits it listed: the fake main learns them as the renderer does.
  const listDevices: Api['listDevices'] = vi.fn(async (input) => {
    const result = await merged.listDevices(input);
    if (result.ok) main.onEvent('onDevicesChanged', result.value);
    return result;
  });
  api = { ...merged, listDevices };
  return {
    api,
    emit: (method, payload) => {
      deliver(method, payload);
      main.onEvent(method, payload);
    },
    listenerCount: (method) => listeners.get(method)?.size ?? 0,
  };
}

/** A promise the test settles by hand, to observe the UI while a call is in flight. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
