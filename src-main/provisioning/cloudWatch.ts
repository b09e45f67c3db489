/**
 * Watches a claimed device from the cloud side: its provisioning commands (docs/protocol.md §6)
 * and its device record on the main API (§7), polled with back-off, turned into
 * ProvisioningEvents. Statuses other than PENDING and IN_PROGRESS are final; unknown ones are
 * reported as they are. Cloud errors (429, network, 5xx) never end the watch: it backs off and
 * tries again. It ends when the device shows as connected, or when the signal aborts.
 */
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { ProvisioningEvent, ProvisioningStage } from '../../src-shared/provisioning/model';
import type { CloudAdapter, CloudDeviceRecord, ProvisioningCommand } from '../cloud/adapter';
import { toErrorData } from '../cloud/errorData';
import { abortableSleep } from '../cloud/retry';

export interface CloudWatchOptions {
  adapter: Pick<CloudAdapter, 'listCommands' | 'getDevice'>;
  deviceId: string;
  signal: AbortSignal;
  onEvent: (event: ProvisioningEvent) => void;
  /** Told about each failed poll (the watch goes on). */
  onError?: (error: AppErrorData) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First wait; doubles after each poll that brought nothing new, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const SUCCESS = /^(succeeded|success|successful|done|completed?|ok)$/i;
const FAILURE = /^(failed|failure|error|rejected)$/i;
const KEY_TYPES = new Set([
  'clientPrivateKeyGeneration',
  'cloudAccessKeyGeneration',
  'certificateSigningRequest',
]);
const CERTIFICATE_TYPES = new Set(['serverCertificate', 'clientCertificate']);

const isOpen = (status: string) => /^(pending|in_progress)$/i.test(status);

/** Polls until connected ('connected') or aborted ('aborted'). */
export async function watchCloud(options: CloudWatchOptions): Promise<'connected' | 'aborted'> {
  const { adapter, deviceId, signal, onEvent } = options;
  const sleep = options.sleep ?? abortableSleep;
  const initial = options.initialDelayMs ?? 2000;
  const max = options.maxDelayMs ?? 15_000;
  const state = new WatchState(onEvent);
  let delay = initial;

  while (!signal.aborted) {
    let isNews = false;
    try {
      isNews = state.commands(await adapter.listCommands(deviceId, signal)) || isNews;
      const record = await adapter.getDevice(deviceId, signal);
      if (state.record(record)) return 'connected';
    } catch (error) {
      if (signal.aborted || (error instanceof AppError && error.code === 'CANCELLED'))
        return 'aborted';
      options.onError?.(toErrorData(error));
    }
    if (isNews) delay = initial;
    try {
      await sleep(delay, signal);
    } catch {
      return 'aborted';
    }
    delay = Math.min(max, delay * 2);
  }
  return 'aborted';
}

/** What has been seen so far, so that each event is said once. */
class WatchState {
  private readonly statuses = new Map<string, string>();
  private readonly stages = new Set<ProvisioningStage>();
  private readonly failed = new Set<string>();
  private hasSeenCommands = false;
  private hasSeen404 = false;

  constructor(private readonly onEvent: (event: ProvisioningEvent) => void) {}

  /** Returns true when anything changed. */
  commands(list: readonly ProvisioningCommand[]): boolean {
    let isNews = false;
    for (const command of list) {
      if (this.statuses.get(command.id) === command.status) continue;
      this.statuses.set(command.id, command.status);
      isNews = true;
      this.onEvent({
        kind: 'command',
        id: command.id,
        type: command.type,
        status: command.status,
        text: `${command.type}: ${command.status}`,
      });
      if (FAILURE.test(command.status) && !this.failed.has(command.id)) {
        this.failed.add(command.id);
        const words = command.errorText ? ` (${command.errorText})` : '';
        this.onEvent({
          kind: 'failure',
          code: 'PROVISIONING_COMMAND_FAILED',
          isFatal: true,
          source: 'cloud',
          text: `nRF Cloud reports the ${command.type} command as ${command.status}${words}.`,
        });
      }
    }
    if (list.length > 0) {
      this.hasSeenCommands = true;
      this.stage('commands-received', `nRF Cloud lists ${list.length} provisioning command(s)`);
    }
    const succeeded = list.filter((c) => SUCCESS.test(c.status));
    if (succeeded.some((c) => KEY_TYPES.has(c.type)))
      this.stage('keys-generated', 'nRF Cloud: the key generation command succeeded');
    if (succeeded.some((c) => CERTIFICATE_TYPES.has(c.type)))
      this.stage('certificates-installed', 'nRF Cloud: the certificate command succeeded');
    const isAllDone =
      list.length > 0 &&
      list.every((c) => !isOpen(c.status)) &&
      this.failed.size === 0 &&
      (succeeded.length === list.length || succeeded.some((c) => c.type === 'finished'));
    // Executed commands may also leave the list (§6): seen before, gone now, none failed.
    const isGone = list.length === 0 && this.hasSeenCommands && this.failed.size === 0;
    if (isAllDone || isGone)
      this.stage(
        'finished',
        isGone ? 'nRF Cloud: the commands left the queue' : 'nRF Cloud: every command succeeded',
      );
    return isNews;
  }

  /** Returns true when the record shows the device connected (§7). */
  record(record: CloudDeviceRecord): boolean {
    if (!record.isOnboarded) {
      this.hasSeen404 = true;
      return false;
    }
    const status = record.connectionStatus;
    const isConnected =
      (status !== undefined && /^connected$/i.test(status)) ||
      (status === undefined && this.hasSeen404);
    if (!isConnected) return false;
    this.stage(
      'connected',
      status === undefined
        ? 'nRF Cloud now knows the device (GET /v1/devices answered 200 after 404)'
        : `nRF Cloud shows the device ${status}`,
    );
    return true;
  }

  private stage(stage: ProvisioningStage, text: string): void {
    if (this.stages.has(stage)) return;
    this.stages.add(stage);
    this.onEvent({ kind: 'stage', stage, source: 'cloud', text });
  }
}
