/**
 * Cause-and-fix texts for the errors a support person meets most: serial ports that will not
 * open, devices that will not answer, and cloud answers that come from something other than
 * nRF Cloud. Wording follows docs/protocol.md §2 to §4.
 */
import { assertNever, type AppErrorData } from '../../src-shared/ipc/errors';
import { explainProvisioningError, isProvisioningErrorCode } from './explainProvisioning';
import { isTokenErrorCode, tokenErrorInPlainWords } from '../../src-shared/token/plainWords';
import type { PortHolder } from './portHolders';

/** What the UI and the CLI show for one error; an empty cause or fix: the message says it. */
export interface ErrorExplanation {
  title: string;
  cause: string;
  fix: string;
  fixCommand?: string;
}

/** Where the error happened: the wording depends on the OS and on what else is known. */
export interface ExplainContext {
  platform: NodeJS.Platform;
  path?: string;
  /** Processes known to hold the port (from findPortHolders), named in the busy text. */
  holders?: readonly PortHolder[];
  /** The group that owns the device node on Linux, when the permission doctor knows it. */
  group?: string;
}

// Nordic's tools use these meanings; which of them the attestation command returns is unverified.
const cmeMeanings: Record<string, string> = {
  '0': 'the command is not supported by this modem firmware',
  '513': 'not found',
  '514': 'not allowed',
  '515': 'memory full',
  '518': 'not allowed while the modem is active (try AT+CFUN=4 first)',
  '519': 'already exists',
  '523': 'key generation failed',
};

const other =
  'Close every other program that may have the port open (nRF Connect Serial Terminal, nRF Connect Cellular Monitor, PuTTY, minicom, screen, picocom, an IDE serial monitor)';

/** Explains one error as a title, a likely cause and a fix (with a command to copy where one exists). */
export function explainError(error: AppErrorData, context: ExplainContext): ErrorExplanation {
  const port = context.path ?? portFromText(error) ?? 'the port';
  const raw = `${error.message} ${error.detail ?? ''}`;
  const isWindows = context.platform === 'win32';
  const isMac = context.platform === 'darwin';

  // A token error reads in plain words first; the decoder's exact finding is the message below it.
  if (isTokenErrorCode(error.code)) {
    return { title: tokenErrorInPlainWords(error.code), cause: '', fix: '' };
  }
  switch (error.code) {
    case 'PORT_BUSY':
      return {
        title: `${port} is in use by another program`,
        cause:
          holderSentence(context.holders) ??
          (isWindows
            ? 'Another program has the port open, or Windows still holds a stale handle from a program that crashed or a device that was unplugged while open.'
            : 'Another program has the port open and locked it.'),
        fix: isWindows
          ? `${other}. If nothing else is running, unplug the device, wait five seconds and plug it back in.`
          : `${other}, then try again.`,
      };
    case 'PORT_PERMISSION_DENIED':
      if (isWindows) return windowsAccessDenied(port, context.holders);
      if (context.platform === 'linux') return linuxPermission(port, context.group);
      return {
        title: `No permission to open ${port}`,
        cause: isMac
          ? 'macOS refused the open: usually another program holds the port, or a security tool blocks USB serial access.'
          : 'The operating system refused to open the port for this user.',
        fix: `${other}, then unplug and replug the device. If it persists, run the diagnostics permission check.`,
      };
    case 'PORT_NOT_FOUND':
    case 'PORT_GONE':
      return gone(port, error.code === 'PORT_GONE', isMac && /not configured/i.test(raw));
    case 'PORT_OPEN_FAILED':
      return {
        title: `Could not open ${port}`,
        cause: `The operating system reported: ${error.detail ?? error.message}`,
        fix: 'Unplug the device and plug it back in, then pick the port again. If it keeps failing, save a support bundle.',
      };
    case 'PORT_NOT_OPEN':
    case 'PORT_CLOSED':
      return {
        title: `${port} closed`,
        cause:
          'The port was closed while the app was using it (the device reset, was unplugged, or the session was stopped).',
        fix: 'Check the cable and power, then open the port again.',
      };
    case 'PORT_HELD_BY_FLOW':
      return {
        title: `${port} is in use by the onboarding flow`,
        cause: 'An onboarding job of this app has the port open for its kit.',
        fix: 'Release it (that cancels the job), or wait until the job ends, then open the port again.',
      };
    case 'NO_ANSWER':
      return noAnswer(port, context.platform);
    case 'DEVICE_WENT_SILENT':
      return {
        title: `${port} stopped answering`,
        cause:
          'This is the AT port: the device answered commands on it. Then it went quiet: it reset or crashed, lost power (a loose cable or an empty battery), or its firmware hung.',
        fix: 'Press reset on the kit, or unplug and replug it, and try again. If it stops at the same command every time, save a support bundle: its transcript shows the last exchange.',
      };
    case 'COMMAND_TIMEOUT':
      return {
        title: `${port} stopped answering`,
        cause:
          'The device started to answer, so this is the AT port, but it did not finish the reply: it reset mid-reply, the modem is busy, or the firmware hung.',
        fix: 'Press reset on the kit and try again. If it persists, save a support bundle: its transcript shows how far the reply got.',
      };
    case 'AT_ERROR':
      // A bare ERROR says nothing about why; the token command's firmware verdict is
      // ATTEST_UNSUPPORTED, so no firmware advice here (a mistyped command answers ERROR too).
      return {
        title: 'The modem answered ERROR',
        cause:
          'The modem rejected the command without saying why: the command is unknown or mistyped, a parameter is wrong, or the modem is not ready for it. Right after a power cycle the first command often fails.',
        fix: 'Check the command and its parameters, then try again once.',
      };
    case 'AT_CME_ERROR': {
      const n = /CME ERROR:\s*(\d+)/i.exec(raw)?.[1];
      const meaning = n === undefined ? undefined : cmeMeanings[n];
      return {
        title:
          n === undefined
            ? 'The modem answered with a CME error'
            : n === '0'
              ? 'The modem does not know this command'
              : `The modem answered +CME ERROR: ${n}`,
        cause:
          n === '0'
            ? 'The modem has no such command: most often it is mistyped; otherwise this modem firmware does not have it.'
            : meaning === undefined
              ? 'The modem rejected the command with an error code.'
              : `The modem rejected the command: ${meaning}.`,
        fix:
          n === '0'
            ? 'Check the spelling against the nRF91 AT Commands Reference. Only if the command is right, update the modem firmware.'
            : n === '518'
              ? 'Put the modem offline (AT+CFUN=4) and try again.'
              : 'Try again once; if it persists, save a support bundle and check the modem firmware version.',
      };
    }
    case 'AT_CMS_ERROR':
      return {
        title: 'The modem answered with a CMS error',
        cause: 'An SMS-related command failed in the modem.',
        fix: 'This is not part of onboarding; save a support bundle if it blocks you.',
      };
    case 'SHELL_COMMAND_FAILED':
      return {
        title: 'The device shell could not pass the command to the modem',
        cause:
          'The firmware runs a Zephyr shell whose `at` command failed (the modem library returned an error, or the modem is not initialised yet).',
        fix: 'Wait for the device to finish booting and try again; if it persists, reset the device.',
      };
    case 'ATTEST_UNSUPPORTED':
      return {
        title: 'This modem firmware cannot produce an attestation token',
        cause:
          'AT%ATTESTTOKEN needs modem firmware 1.3.0 or newer on nRF9160 and 2.0.0 or newer on nRF9161/9151/9131.',
        fix: 'Update the modem firmware with nRF Connect Programmer or Quick Start, then try again.',
      };
    case 'GARBLED_INPUT':
    case 'LINE_TOO_LONG':
      return {
        title: 'The port sends data the app cannot read',
        cause:
          context.platform === 'linux'
            ? 'Wrong baud rate, the modem trace port instead of the AT port, or ModemManager probing the port at the same time.'
            : 'Wrong baud rate, or the modem trace port instead of the AT port.',
        fix:
          context.platform === 'linux'
            ? 'Use the other port of the device. Run the permission check: it tells whether ModemManager needs a udev rule.'
            : 'Use the other port of the device (the AT port is the first one).',
      };
    case 'CLOUD_URL_NOT_ALLOWED':
      return {
        title: 'The nRF Cloud URL is not an nRF Cloud server',
        cause:
          'The API key is sent only over https to nRF Cloud (api.nrfcloud.com, api.provisioning.nrfcloud.com or a Nordic stage host) or to this computer. The URL in Settings, NRF_CLOUD_API_URL or --api-url points elsewhere.',
        fix: 'Put back the default URLs in Settings (or unset the variable). A developer who really means another server starts the app or nrf-onboard with ONBOARDER_ALLOW_CLOUD_URL=<origin>; the app then says so wherever the key is shown.',
      };
    case 'CLOUD_REDIRECT_REFUSED':
      return {
        title: 'nRF Cloud redirected the request elsewhere',
        cause:
          'The server answered with a redirect. nRF Cloud does not redirect its API calls, so a proxy, captive portal (hotel or guest Wi-Fi login page) or a wrong URL is answering. The app does not follow redirects, so the key and the token went nowhere else.',
        fix: 'Sign in to the network in a browser if it has a login page, check the nRF Cloud URLs in Settings, then try again.',
      };
    case 'RESPONSE_TOO_LARGE':
      return {
        title: 'The answer from the server was far too large',
        cause:
          "nRF Cloud's answers are a few KB. A much larger one comes from something else: a proxy, a download page or a wrong URL. The app stopped reading it so it costs no memory.",
        fix: 'Check the nRF Cloud URLs in Settings and the network (proxy, VPN), then try again.',
      };
    case 'JOURNAL_CORRUPT':
    case 'JOURNAL_UNREADABLE':
    case 'SETTINGS_CORRUPT':
    case 'SETTINGS_UNREADABLE':
    case 'SETTINGS_FROM_NEWER_VERSION':
    case 'SETTINGS_FIELDS_RESET':
      return explainFileError(error.code, error.detail);
    case 'REPLY_TOO_LARGE':
      return {
        title: 'The device would not stop sending',
        cause:
          'It answered one command with far more lines or bytes than any AT reply holds: it repeats itself, floods the port with logs, or loops back what it receives (a wrong port, or a firmware stuck in a loop).',
        fix: 'Reset the device and try again. If it persists, check that this is the AT port and save a support bundle: its transcript shows what the device sent.',
      };
    case 'MULTIPLE_TOKENS':
      return {
        title: 'The reply holds tokens of two devices',
        cause:
          'One AT%ATTESTTOKEN reply carried attestation tokens with different device UUIDs (both are named in the message), so the app cannot tell which device is on this port and claimed neither.',
        fix: 'Make sure only one device is connected through this port (no shared adapter, no replayed log), then read the token again.',
      };
    case 'API_KEY_MISSING':
    case 'API_KEY_MALFORMED':
    case 'API_KEY_REJECTED':
    case 'ROLE_CANNOT_CLAIM':
    case 'RATE_LIMITED':
    case 'CLAIM_TOKEN_INVALID':
    case 'CLAIMED_BY_OTHER':
      // Main's message already says what happened, why, and what to do (it is also the CLI's
      // text); a second cause and fix beside it would say it again, or say something else.
      return { title: error.message, cause: '', fix: '' };
    default:
      if (isProvisioningErrorCode(error.code))
        return explainProvisioningError(error.code, error.message);
      return {
        title: error.message,
        cause: error.detail ?? '',
        fix: 'Try again; if it persists, save a support bundle and attach it to a ticket.',
      };
  }
}

function portFromText(error: AppErrorData): string | undefined {
  const match = /(\/dev\/[\w./-]+|COM\d+)/.exec(`${error.message} ${error.detail ?? ''}`);
  return match?.[1];
}

function holderSentence(holders: readonly PortHolder[] | undefined): string | undefined {
  if (holders === undefined || holders.length === 0) return undefined;
  const names = holders.map(
    (h) => `${h.command} (pid ${h.pid}${h.user === undefined ? '' : `, user ${h.user}`})`,
  );
  return `The port is held by ${names.join(', ')}.`;
}

function windowsAccessDenied(
  port: string,
  holders: readonly PortHolder[] | undefined,
): ErrorExplanation {
  return {
    title: `Access denied to ${port}`,
    cause:
      holderSentence(holders) ??
      'On Windows "Access denied" means another program has the port open, or a stale handle is left from a program that crashed or a device unplugged while open.',
    fix: `${other}. If nothing else is running, unplug the device, wait five seconds and plug it back in.`,
  };
}

function linuxPermission(port: string, group: string | undefined): ErrorExplanation {
  const g = group ?? 'dialout';
  return {
    title: `No permission to open ${port}`,
    cause: `Serial devices belong to the ${g} group (uucp on Arch) and this user is not in it, or was added but has not logged in again since. Without a udev rule for the kit the node may also lack group access.`,
    fix: `Add yourself to the ${g} group, then log out and back in. If it still fails, run the permission check for the exact cause and the udev rule to install.`,
    fixCommand: `sudo usermod -aG ${g} $USER`,
  };
}

function gone(port: string, wasOpen: boolean, isReenumeration: boolean): ErrorExplanation {
  if (isReenumeration) {
    return {
      title: `${port} went away while in use`,
      cause:
        'macOS reports "Device not configured" when the USB device resets or re-enumerates (a reboot, a firmware update, a loose cable).',
      fix: 'Wait a few seconds for the device to come back, then pick its port again.',
    };
  }
  return {
    title: wasOpen ? `${port} disappeared` : `${port} was not found`,
    cause: wasOpen
      ? 'The device was unplugged, powered off or reset while the port was open.'
      : 'No device answers at this path: it is unplugged, switched off, or it came back under another name.',
    fix: 'Check the USB cable (use a data cable, not a charge-only one), the power switch of the kit, then unplug and replug it and pick the port again.',
  };
}

function noAnswer(port: string, platform: NodeJS.Platform): ErrorExplanation {
  const mm =
    platform === 'linux'
      ? ' On Linux, ModemManager grabbing the port can also swallow replies.'
      : '';
  return {
    title: `No answer on ${port}`,
    cause: `Most often this is the wrong port (kits have 2 or 3 ports; the AT port is the first, the Thingy:91 second port is the modem trace), the device is off or still booting, or its firmware has no AT interface (no AT host, Serial LTE Modem or shell with the at command).${mm}`,
    fix: 'Try the other port of the same device, check the power switch, press reset and try again. If no port answers, program firmware with an AT interface (for example the AT Client sample).',
  };
}

type FileErrorCode =
  | 'JOURNAL_CORRUPT'
  | 'JOURNAL_UNREADABLE'
  | 'SETTINGS_CORRUPT'
  | 'SETTINGS_UNREADABLE'
  | 'SETTINGS_FROM_NEWER_VERSION'
  | 'SETTINGS_FIELDS_RESET';

/** The token journal and the settings file: what was damaged, what the app kept, what to do. */
function explainFileError(code: FileErrorCode, detail: string | undefined): ErrorExplanation {
  switch (code) {
    case 'JOURNAL_CORRUPT':
      return {
        title: 'Part of the token journal could not be read',
        cause:
          'Lines of the journal file are cut off, zero-filled or garbled: the computer lost power or crashed during a write, the disk is failing, or the file was edited by hand.',
        fix: 'Every readable entry is in use and nothing was deleted; a copy of the damaged file sits beside it. Re-read the token of any device missing from the journal, and attach the copy to a support ticket.',
      };
    case 'JOURNAL_UNREADABLE':
      return {
        title: 'The token journal cannot be read',
        cause: `The operating system refused to read the journal file${detail ? ` (${detail})` : ''}: wrong owner or permissions, or a folder in its place.`,
        fix: 'Make the file readable and writable by your user (it should be yours, mode 600), or point ONBOARDER_DATA_DIR at another folder.',
      };
    case 'SETTINGS_CORRUPT':
      return {
        title: 'The settings file was damaged',
        cause:
          'settings.json was not valid JSON (a crash or power loss during a write, or a hand edit).',
        fix: 'The damaged file was moved aside, not deleted, and defaults are in use. Set your preferences again and add your API key again; support can recover values from the moved file.',
      };
    case 'SETTINGS_UNREADABLE':
      return {
        title: 'The settings file cannot be used',
        cause: `The operating system refused to read or write settings.json${detail ? ` (${detail})` : ''}.`,
        fix: 'The app runs on defaults in memory and does not touch the file; changes are lost on quit. Fix the file owner or permissions, then restart.',
      };
    case 'SETTINGS_FROM_NEWER_VERSION':
      return {
        title: 'The settings come from a newer version of the app',
        cause:
          'settings.json was written by a newer Onboarder, whose fields this version does not know.',
        fix: 'The file is left untouched and read as far as this version understands it; changes made now are not saved. Update Onboarder to keep them.',
      };
    case 'SETTINGS_FIELDS_RESET':
      return {
        title: 'Some settings were reset to their defaults',
        cause: 'These fields in settings.json held values this version cannot use.',
        fix: 'A copy of the file as it was sits beside it. Check the named settings and set them again.',
      };
    default:
      return assertNever(code);
  }
}
