/**
 * Which provisioning client a device runs, learnt from its own replies: the Zephyr shell's `help`
 * (its root commands, docs/protocol.md §10, §12.3), Serial Modem's `AT#XNRFPROV=?` (§11), or
 * neither (AT-host firmware, §13). Every answer carries its reason in words, for the transcript.
 */
import stripAnsi from 'strip-ansi';
import type { ProvisioningFamily } from './model';
import { hasXnrfprovCommand } from './xnrfprov';

/**
 * The family and why. `none`: the firmware answers AT commands but has no provisioning client the
 * app can start (a shell without `nrf_provisioning` or `att_cloud`, Serial Modem without the
 * provisioning overlay); `at-host` is AT-host firmware, which has none either.
 */
export interface FamilyDetection {
  family: ProvisioningFamily | 'none';
  reason: string;
}

/** Whether the app can start provisioning on this family. */
export function canProvision(
  family: FamilyDetection['family'],
): family is 'shell' | 'att' | 'serial-modem' {
  return family === 'shell' || family === 'att' || family === 'serial-modem';
}

// A root command line of `help`: `  nrf_provisioning  : nRF Provisioning commands`, or the bare
// name in older shells. Prose lines ("Please press the <Tab> button...") never match.
const COMMAND_LINE = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*(:.*)?$/;

/** The root command names a `help` reply lists. */
export function helpCommands(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (const raw of lines) {
    const match = COMMAND_LINE.exec(stripAnsi(raw));
    if (match?.[1] !== undefined) names.push(match[1]);
  }
  return names;
}

/** The family a Zephyr shell's `help` reply shows. */
export function familyFromHelp(lines: readonly string[]): FamilyDetection {
  const names = new Set(helpCommands(lines));
  if (names.has('nrf_provisioning')) {
    return { family: 'shell', reason: '`help` lists nrf_provisioning' };
  }
  if (names.has('att_cloud')) {
    return {
      family: 'att',
      reason:
        '`help` lists att_cloud but not nrf_provisioning: Asset Tracker Template, which starts provisioning after a reboot',
    };
  }
  if (names.size === 0) {
    return {
      family: 'none',
      reason: '`help` listed no commands, so no provisioning client could be found',
    };
  }
  return {
    family: 'none',
    reason: `\`help\` lists neither nrf_provisioning nor att_cloud (${names.size} commands): this shell firmware has no provisioning client the app can start`,
  };
}

/** The family a reply to `AT#XNRFPROV=?` shows; `isOk` is whether it ended in OK. */
export function familyFromXnrfprovTest(
  reply: { lines: readonly string[]; isOk: boolean; finalText?: string },
  firmware: 'slm' | 'at-host',
): FamilyDetection {
  if (reply.isOk && hasXnrfprovCommand(reply.lines)) {
    return { family: 'serial-modem', reason: '`AT#XNRFPROV=?` answered #XNRFPROV and OK' };
  }
  const answer = reply.isOk
    ? 'OK without #XNRFPROV'
    : (reply.finalText ?? 'an error').trim() || 'an error';
  if (firmware === 'slm') {
    return {
      family: 'none',
      reason: `\`AT#XNRFPROV=?\` answered ${answer}: Serial Modem built without the provisioning overlay`,
    };
  }
  return {
    family: 'at-host',
    reason: `\`AT#XNRFPROV=?\` answered ${answer} and the device answers plain AT commands: AT-host firmware without a provisioning client`,
  };
}

/** What to tell the user when the firmware cannot fetch credentials (§13). */
export function unsupportedMessage(detection: FamilyDetection): string {
  const what =
    detection.family === 'at-host'
      ? 'This AT-host firmware (such as the AT Client sample) has no provisioning client'
      : 'This firmware has no provisioning client the app can start';
  return (
    `${what}, so the device cannot fetch its credentials from nRF Cloud; it stays claimed. ` +
    'To have it connect, program firmware with the nRF Cloud provisioning library: the Asset Tracker Template, ' +
    'Serial Modem v2.0.0 or newer with the provisioning overlay, or the nrf_provisioning sample ' +
    '(or install the credentials locally with nrfcloud-utils). ' +
    `Why: ${detection.reason}.`
  );
}
