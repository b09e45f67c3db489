/**
 * Serial Modem's provisioning and nRF Cloud commands (docs/protocol.md §11): `AT#XNRFPROV` starts
 * an attempt and reports it with `#XNRFPROV: <status>` notifications, leaving the LTE switches to
 * the host (`AT+CFUN=4` on 1, `AT+CFUN=1` on 2); `AT#XNRFCLOUD` connects to nRF Cloud.
 */
import type { FirmwareContext } from './firmware';
import { logRecord, logTimestamp } from './firmware';
import type { LibraryEvent, LogLevel } from './provisioningClient';
import { CLOUD_SEC_TAG } from './provisioningClient';

/** The `#XNRFPROV:` status of each library event (docs/protocol.md §11 table). */
const STATUS: Partial<Record<LibraryEvent['kind'], number>> = {
  done: 0,
  'no-commands': 0,
  'need-lte-off': 1,
  'need-lte-on': 2,
  failed: -1,
  'not-claimed': -2,
  'wrong-root-ca': -3,
  'no-valid-time': -4,
  'too-many-commands': -5,
  fatal: -6,
};

const MODULE = 'sm_provisioning';

/** Real-world durations of Serial Modem's own steps, in ms before timeScale. */
export const SM_TIMING = {
  /** AT#XNRFCLOUD=1: nRF Cloud connect, JWT included. */
  cloudConnect: 2000,
} as const;

/** Serial Modem's own log line per event (docs/protocol.md §11). */
function eventLog(event: LibraryEvent): Array<[LogLevel, string]> {
  switch (event.kind) {
    case 'start':
      return [['inf', 'Provisioning: started']];
    case 'stop':
      return [['inf', 'Provisioning: stopped']];
    case 'need-lte-off':
      return [['inf', 'Provisioning requires device to deactivate network']];
    case 'need-lte-on':
      return [['inf', 'Provisioning requires device to activate network']];
    case 'done':
      return [['inf', 'Provisioning: done']];
    case 'no-commands':
      return [['inf', 'Provisioning done, no commands received from the server']];
    case 'not-claimed':
      return [
        ['wrn', 'Provisioning failed: device not claimed'],
        ['wrn', "Claim the device using the device's attestation token on nrfcloud.com"],
      ];
    case 'failed':
      return [['err', 'Provisioning failed: try again...']];
    case 'wrong-root-ca':
      return [['err', 'Provisioning failed: wrong root CA certificate for nRF Cloud']];
    case 'no-valid-time':
      return [['err', 'Provisioning failed: no valid modem/network time']];
    case 'too-many-commands':
      return [['err', 'Provisioning failed: too many commands for the device to handle']];
    case 'fatal':
      return [['err', 'Provisioning failed: irrecoverable']];
  }
}

/** A reply the SM firmware sends for one of its own commands. */
export type SmReply = { kind: 'ok'; info: readonly string[] } | { kind: 'error' };

/** Handles `AT#XNRFPROV` and `AT#XNRFCLOUD`; `notify` sends a notification when the host is idle. */
export function createSmProvisioning(
  ctx: FirmwareContext,
  notify: (text: string) => void,
): { handle(command: string): SmReply | undefined } {
  const o = ctx.options.provisioning;
  let isCloudReady = false;

  // Logs go to the UART only when asked (AT#XLOG); by default the AT channel stays clean.
  const log = (level: LogLevel, module: string, text: string) => {
    if (!o.hasModemLogs) return;
    if (level === 'dbg' && !o.hasDebugLogs) return;
    notify(
      `${logTimestamp(ctx.uptimeMs())} ${logRecord(level, module, text, ctx.options.hasLogColors)}`,
    );
  };

  const library = ctx.createLibrary((event) => {
    for (const [level, text] of eventLog(event)) log(level, MODULE, text);
    const status = STATUS[event.kind];
    if (status !== undefined) notify(`#XNRFPROV: ${status}`);
  }, log);

  async function connectCloud(): Promise<void> {
    await ctx.sleep(SM_TIMING.cloudConnect);
    const link = ctx.link();
    let answer: 'connected' | 'unauthorized' | 'unreachable' = 'unreachable';
    if (link !== undefined) {
      try {
        answer = await link.connect(ctx.options.deviceUuid, o.clientId, ctx.signal);
      } catch {
        answer = 'unreachable';
      }
    }
    if (ctx.signal.aborted) return;
    isCloudReady = answer === 'connected';
    notify(`#XNRFCLOUD: ${isCloudReady ? 1 : 0},0`);
  }

  return {
    handle(command) {
      const match = /^AT(#XNRFPROV|#XNRFCLOUD)(\?|=\?|=(.*))?$/i.exec(command);
      if (match === null) return undefined;
      const name = (match[1] ?? '').toUpperCase();
      const suffix = match[2];
      const params = match[3];
      if (name === '#XNRFPROV') {
        // Without the provisioning overlay the command does not exist (docs/protocol.md §11).
        if (!o.hasClient) return { kind: 'error' };
        if (suffix === '=?') return { kind: 'ok', info: ['#XNRFPROV'] };
        if (suffix !== undefined) return { kind: 'error' };
        if (!library.trigger()) {
          log('err', MODULE, 'Failed to trigger provisioning: -16');
          return { kind: 'error' };
        }
        return { kind: 'ok', info: [] };
      }
      if (suffix === '?') {
        return {
          kind: 'ok',
          info: [`#XNRFCLOUD: ${isCloudReady ? 1 : 0},0,${CLOUD_SEC_TAG},"${o.clientId}"`],
        };
      }
      if (suffix === '=?') return { kind: 'ok', info: ['#XNRFCLOUD: (0,1,2),<send_location>'] };
      if (params === '1' || params?.startsWith('1,') === true) {
        void connectCloud();
        return { kind: 'ok', info: [] };
      }
      if (params === '0') {
        const wasReady = isCloudReady;
        isCloudReady = false;
        if (wasReady) ctx.later(0, () => notify('#XNRFCLOUD: 0,0'));
        return { kind: 'ok', info: [] };
      }
      return { kind: 'error' };
    },
  };
}
