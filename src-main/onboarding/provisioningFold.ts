/**
 * Folds what the device and the cloud say during provisioning (ProvisioningEvents from both
 * sides) into the job's ProvisioningView, and decides when that says the job is over: connected,
 * or a failure known to be final. Pure: the runner supplies the clock.
 */
import type { AppErrorData } from '../../src-shared/ipc/errors';
import type { ProvisioningView } from '../../src-shared/ipc/provisioning';
import {
  provisioningStages,
  type ProvisioningEvent,
  type ProvisioningStage,
} from '../../src-shared/provisioning/model';

/** What an event decided: keep watching, or the job's end. */
export type FoldVerdict =
  { kind: 'continue' } | { kind: 'connected' } | { kind: 'failed'; error: AppErrorData };

/** The running fold: the view plus what is remembered between events. */
export interface ProvisioningTrack {
  view: ProvisioningView;
  /** The claim id, compared with the client id the device connects with (§14.6). */
  deviceId: string;
  /** The latest failure the device retries by itself; named if the limit runs out. */
  lastRetriedFailure?: AppErrorData;
  /**
   * When the device said "nothing to do" before any command was seen (ms since claim, §14.1):
   * unless commands or a connection follow, that is PROVISIONING_NO_COMMANDS.
   */
  noCommandsAtMs?: number;
  /** The client id the device said it connects with, once it said so. */
  clientId?: string;
}

const FINAL_OK = /^(SUCCEEDED|SUCCESS|DONE|COMPLETED|OK)$/i;
const PENDING = /^(PENDING|IN_PROGRESS)$/i;

const order = (stage: ProvisioningStage) => provisioningStages.indexOf(stage);

/** The milestones that only commands bring; "finished" and "connecting" can come without any. */
const COMMAND_STAGES: ReadonlySet<ProvisioningStage> = new Set([
  'commands-received',
  'keys-generated',
  'certificates-installed',
]);

/** True once anything shows the device got commands (device lines, cloud list, host actions). */
export function hasCommands(track: ProvisioningTrack): boolean {
  const { view } = track;
  return view.commands.length > 0 || view.stages.some((s) => COMMAND_STAGES.has(s.stage));
}

/** "No commands" came, and still no command has been seen (§14.1). */
export const hasOnlyNoCommands = (track: ProvisioningTrack): boolean =>
  track.noCommandsAtMs !== undefined && !hasCommands(track);

/** PROVISIONING_NO_COMMANDS, saying what was seen (docs/protocol.md §14.1). */
export function noCommandsError(path: string, track: ProvisioningTrack, why: string): AppErrorData {
  const seenAt = track.noCommandsAtMs;
  const when = seenAt === undefined ? '' : ` (${Math.round(seenAt / 1000)} s after the claim)`;
  return {
    code: 'PROVISIONING_NO_COMMANDS',
    message: `${path}: the device found no provisioning commands waiting${when} and ${why}.`,
  };
}

/** Adds a milestone once (the first time it is learned counts) and moves `stage` forward. */
export function addStage(
  track: ProvisioningTrack,
  stage: ProvisioningStage,
  source: 'device' | 'cloud' | 'app',
  text: string,
  clock: { at: string; sinceClaimMs: number },
): void {
  const { view } = track;
  if (view.stages.some((s) => s.stage === stage)) return;
  view.stages.push({ stage, at: clock.at, sinceClaimMs: clock.sinceClaimMs, source, text });
  view.stages.sort((a, b) => order(a.stage) - order(b.stage));
  if (view.stage === undefined || order(stage) > order(view.stage)) view.stage = stage;
}

/** Applies one event to the track and says whether the job is over. */
export function foldEvent(
  track: ProvisioningTrack,
  event: ProvisioningEvent,
  clock: { at: string; sinceClaimMs: number },
): FoldVerdict {
  const { view } = track;
  switch (event.kind) {
    case 'stage':
      addStage(track, event.stage, event.source, event.text, clock);
      return event.stage === 'connected' ? { kind: 'connected' } : { kind: 'continue' };
    case 'lte':
      // Normal while commands run (docs/protocol.md §8.4): counted, never a failure.
      if (!event.isUp) view.lteDrops += 1;
      return { kind: 'continue' };
    case 'host-action':
      // The Serial Modem asks for LTE off/on only to run AT-based commands (§11): they arrived.
      addStage(track, 'commands-received', 'device', event.text, clock);
      return { kind: 'continue' };
    case 'no-commands':
      if (hasCommands(track)) {
        // The end of a round after commands ran: finished (§8.4 step 6).
        addStage(track, 'finished', event.source, event.text, clock);
      } else if (track.noCommandsAtMs === undefined) {
        // Either credentials from an earlier round, or the claim queued nothing (§14.1): a
        // connection soon settles it, otherwise the runner ends PROVISIONING_NO_COMMANDS.
        track.noCommandsAtMs = clock.sinceClaimMs;
      }
      return { kind: 'continue' };
    case 'failure': {
      const error: AppErrorData = { code: event.code, message: event.text };
      if (event.isFatal) return { kind: 'failed', error };
      track.lastRetriedFailure = error;
      return { kind: 'continue' };
    }
    case 'cloud-refused':
      return cloudRefused(track, event.text);
    case 'client-id':
      track.clientId = event.clientId;
      if (event.clientId.toLowerCase() !== track.deviceId.toLowerCase()) {
        return {
          kind: 'failed',
          error: {
            code: 'PROVISIONING_DEVICE_ID_MISMATCH',
            message: `The device connects as ${event.clientId}, but it was claimed as ${track.deviceId}.`,
          },
        };
      }
      return { kind: 'continue' };
    case 'command': {
      const existing = view.commands.find((c) => c.id === event.id);
      if (existing === undefined)
        view.commands.push({ id: event.id, type: event.type, status: event.status });
      else existing.status = event.status;
      addStage(track, 'commands-received', 'cloud', event.text, clock);
      if (view.commands.length > 0 && view.commands.every((c) => FINAL_OK.test(c.status)))
        addStage(track, 'finished', 'cloud', 'nRF Cloud shows every command done', clock);
      if (
        !PENDING.test(event.status) &&
        !FINAL_OK.test(event.status) &&
        /FAIL/i.test(event.status)
      ) {
        // The device reports it and retries from a new command list, if any (§6): not fatal alone.
        track.lastRetriedFailure = {
          code: 'PROVISIONING_COMMAND_FAILED',
          message: `${event.type} ${event.status}`,
        };
      }
      return { kind: 'continue' };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/**
 * nRF Cloud refused the device's connection. After "no commands" with none seen, the device has
 * no credentials the cloud knows: the claim queued nothing (§14.1). After commands, with no client
 * id heard, the new credentials are for the claimed id, so the device most likely connects under
 * another (§14.6). Otherwise (the id matches, or nothing ran yet) the device tries again itself.
 */
function cloudRefused(track: ProvisioningTrack, text: string): FoldVerdict {
  if (hasOnlyNoCommands(track)) {
    return {
      kind: 'failed',
      error: noCommandsError(
        'The device',
        track,
        `then nRF Cloud refused its connection (${text})`,
      ),
    };
  }
  if (hasCommands(track) && track.clientId === undefined) {
    return {
      kind: 'failed',
      error: {
        code: 'PROVISIONING_DEVICE_ID_MISMATCH',
        message: `The device installed new credentials for ${track.deviceId}, yet nRF Cloud refused its connection (${text}): it most likely connects under another client id than the one it was claimed with.`,
      },
    };
  }
  track.lastRetriedFailure = { code: 'PROVISIONING_FAILED', message: text };
  return { kind: 'continue' };
}

const STAGE_TEXT: Record<ProvisioningStage, string> = {
  triggered: 'asked the device to fetch its credentials',
  'waiting-for-device': 'waiting for the device to reach nRF Cloud',
  'commands-received': 'commands received',
  'keys-generated': 'keys generated',
  'certificates-installed': 'certificates installed',
  finished: 'provisioning finished',
  connecting: 'connecting to nRF Cloud',
  connected: 'connected to nRF Cloud',
};

/** The job's step text while it provisions: the latest milestone, in words. */
export function provisioningStepText(view: ProvisioningView): string {
  if (view.stage === undefined) return `Provisioning (${view.family}): ${view.familyReason}`;
  const drops = view.lteDrops > 0 ? ` (LTE dropped ${view.lteDrops}× — normal)` : '';
  return `Provisioning: ${STAGE_TEXT[view.stage]}${drops}`;
}
