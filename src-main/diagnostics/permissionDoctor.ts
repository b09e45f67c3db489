/**
 * Linux permission doctor: tells apart the usual reasons a serial port cannot be opened or gets
 * garbled (group membership, a login that predates it, ModemManager, missing udev rules, sandboxes).
 * It reads files and the live system only, never the package manager.
 */
import type { Finding } from '../../src-shared/ipc/diagnostics';
import { access, readdir, readFile, stat as fsStat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  filesMatchingVendor,
  installRulesCommand,
  isIgnoredByModemManager,
  loadUdevRules,
  recommendedRules,
} from './udevRules';

export type { Finding, FindingId } from '../../src-shared/ipc/diagnostics';

/** The fields of a device node's stat that decide who may open it. */
export interface NodeStat {
  uid: number;
  gid: number;
  mode: number;
}

/** Everything the doctor reads; each field defaults to the live system. */
export interface PermissionDoctorDeps {
  platform?: NodeJS.Platform;
  /** Root for /etc/group, /etc/passwd, /.flatpak-info and the udev rule folders. */
  root?: string;
  procRoot?: string;
  devicePaths: string[];
  uid?: number;
  gid?: number;
  processGroups?: number[];
  userName?: string;
  env?: NodeJS.ProcessEnv;
  stat?: (path: string) => Promise<NodeStat>;
  isModemManagerRunning?: () => Promise<boolean>;
  /** USB vendor ids (4 hex digits) of the connected kits; default both Nordic (1915) and SEGGER (1366). */
  vendorIds?: string[];
}

const vendorNames: Record<string, string> = {
  '1915': 'Nordic Semiconductor',
  '1366': 'SEGGER (J-Link on the DKs)',
};

/** Runs every check and returns findings, errors first; one 'ok' finding when nothing is wrong. */
export async function runPermissionDoctor(deps: PermissionDoctorDeps): Promise<Finding[]> {
  const platform = deps.platform ?? process.platform;
  if (platform !== 'linux') {
    return [
      {
        id: 'ok',
        severity: 'info',
        title: 'No Linux permission checks needed',
        detail: `Group and udev checks apply to Linux only; this is ${platform}.`,
        fix: 'Nothing to do.',
      },
    ];
  }
  const root = deps.root ?? '/';
  const procRoot = deps.procRoot ?? '/proc';
  const env = deps.env ?? process.env;
  const vendors = (deps.vendorIds ?? ['1915', '1366']).map((v) => v.toLowerCase());
  const findings: Finding[] = [];

  const sandbox = await sandboxFinding(root, env);
  if (sandbox) findings.push(sandbox);

  const groupCheck = await groupFindings(deps, root);
  findings.push(...groupCheck.findings);

  const rules = await loadUdevRules(root);
  const isMmRunning = await (
    deps.isModemManagerRunning ?? (() => isProcessRunning(procRoot, 'ModemManager'))
  )();
  const notIgnored = vendors.filter((v) => !isIgnoredByModemManager(rules, v));
  if (isMmRunning && notIgnored.length > 0) {
    const ruleText = notIgnored
      .map((v) => `ATTRS{idVendor}=="${v}", ENV{ID_MM_DEVICE_IGNORE}="1"`)
      .join('\n');
    findings.push({
      id: 'modemmanager',
      severity: 'warning',
      title: 'ModemManager may grab the device ports',
      detail: `ModemManager is running and no udev rule tells it to ignore vendor ${notIgnored.join(', ')}. It probes new serial ports with its own AT commands, which corrupts the replies the app reads and can keep the port busy for about 30 seconds after plugging in.`,
      fix: `Add this rule (copy it into /etc/udev/rules.d/99-nrf-mm-ignore.rules), reload udev and replug the device; or stop ModemManager if you do not use a mobile broadband modem (sudo systemctl stop ModemManager):\n${ruleText}`,
      fixCommand: installRulesCommand(ruleText, '99-nrf-mm-ignore.rules'),
    });
  }

  const unmatched = vendors.filter((v) => filesMatchingVendor(rules, v).length === 0);
  if (groupCheck.lockedPaths.length > 0) {
    // No group can open these nodes, so group membership cannot help; only a rule setting MODE can.
    const ruleText = recommendedRules(vendors);
    findings.push({
      id: 'no-udev-rule',
      severity: 'error',
      title: 'The port is not accessible to any group',
      detail: `${groupCheck.lockedPaths.join(', ')} grant${groupCheck.lockedPaths.length === 1 ? 's' : ''} no access to its group or other users${unmatched.length > 0 ? `, and no udev rule mentions vendor ${unmatched.join(', ')}` : '; an installed rule sets a restrictive mode'}.`,
      fix: `Save these lines as /etc/udev/rules.d/71-nrf-onboard.rules, reload udev and replug the device:\n${ruleText}`,
      fixCommand: installRulesCommand(ruleText),
    });
  } else if (unmatched.length > 0) {
    const ruleText = recommendedRules(unmatched);
    findings.push({
      id: 'no-udev-rule',
      severity: 'warning',
      title: 'No udev rule for the kit',
      detail: `No udev rule mentions USB vendor ${unmatched.map((v) => `${v} (${vendorNames[v] ?? 'unknown'})`).join(', ')}. Nordic's own rules (nrf-udev) cover vendor 1915 only, not the SEGGER ports of the DKs; without a rule the ports are only usable by the dialout group and ModemManager may probe them.`,
      fix: `Save these lines as /etc/udev/rules.d/71-nrf-onboard.rules, then reload udev (sudo udevadm control --reload-rules && sudo udevadm trigger) and replug the device:\n${ruleText}`,
      fixCommand: installRulesCommand(ruleText),
    });
  }

  if (findings.length === 0) {
    findings.push({
      id: 'ok',
      severity: 'info',
      title: 'No permission problems found',
      detail: `Checked ${deps.devicePaths.length} port(s), group membership, udev rules and ModemManager.`,
      fix: 'Nothing to do.',
    });
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

async function sandboxFinding(root: string, env: NodeJS.ProcessEnv): Promise<Finding | undefined> {
  if (env.SNAP) {
    const app = env.SNAP_NAME ?? env.SNAP_INSTANCE_NAME ?? 'nrf-onboarder';
    return {
      id: 'sandbox',
      severity: 'warning',
      title: 'Running as a Snap: serial access must be granted',
      detail: `The app runs inside the Snap sandbox (${env.SNAP}); it sees serial ports only through the raw-usb (and serial-port) interfaces.`,
      fix: 'Connect the raw-usb interface, then restart the app.',
      fixCommand: `sudo snap connect ${app}:raw-usb`,
    };
  }
  const isFlatpak = env.FLATPAK_ID !== undefined || (await exists(join(root, '.flatpak-info')));
  if (!isFlatpak) return undefined;
  const app = env.FLATPAK_ID ?? '<app id>';
  return {
    id: 'sandbox',
    severity: 'warning',
    title: 'Running as a Flatpak: serial access must be granted',
    detail:
      'The app runs inside the Flatpak sandbox, which hides /dev/tty* unless the app is allowed all devices.',
    fix: 'Grant device access (or use Flatseal: Device > All devices), then restart the app.',
    fixCommand: `flatpak override --user --device=all ${app}`,
  };
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

async function groupFindings(
  deps: PermissionDoctorDeps,
  root: string,
): Promise<{ findings: Finding[]; lockedPaths: string[] }> {
  const uid = deps.uid ?? process.getuid?.() ?? -1;
  if (uid === 0) return { findings: [], lockedPaths: [] }; // root opens anything
  const gid = deps.gid ?? process.getgid?.() ?? -1;
  const processGroups = new Set([gid, ...(deps.processGroups ?? process.getgroups?.() ?? [])]);
  const userName = deps.userName ?? process.env.USER ?? '';
  const stat = deps.stat ?? defaultStat;
  const groups = await readGroups(root);
  const primaryGid = await primaryGroupOf(root, userName);

  // One finding per group, listing every port that needs it.
  const byGroup = new Map<number, { kind: 'not-in-group' | 'group-not-active'; paths: string[] }>();
  const lockedPaths: string[] = [];
  for (const path of deps.devicePaths) {
    const node = await stat(path).catch(() => undefined);
    if (!node || canOpen(node, uid, processGroups)) continue;
    if ((node.mode & 0o060) !== 0o060) {
      lockedPaths.push(path);
      continue;
    }
    const entry = groups.find((g) => g.gid === node.gid);
    const isMember = node.gid === primaryGid || (entry?.members.includes(userName) ?? false);
    const kind = isMember ? 'group-not-active' : 'not-in-group';
    const slot = byGroup.get(node.gid) ?? { kind, paths: [] };
    slot.paths.push(path);
    byGroup.set(node.gid, slot);
  }

  const findings = [...byGroup].map(([nodeGid, { kind, paths }]): Finding => {
    const group = groups.find((g) => g.gid === nodeGid)?.name ?? String(nodeGid);
    const who = userName || 'this user';
    if (kind === 'group-not-active') {
      return {
        id: kind,
        severity: 'error',
        title: `Log out and back in to use the ${group} group`,
        detail: `${who} is listed in the ${group} group (/etc/group), but this session started before that: the running app does not have the group yet, so ${paths.join(', ')} cannot be opened.`,
        fix: `Log out and back in (or reboot). To try at once in a terminal: newgrp ${group}, then start the app from that terminal.`,
        fixCommand: `newgrp ${group}`,
      } satisfies Finding;
    }
    return {
      id: kind,
      severity: 'error',
      title: `Not in the ${group} group`,
      detail: `${paths.join(', ')} belong${paths.length === 1 ? 's' : ''} to the ${group} group, and ${who} is not a member.`,
      fix: `Add yourself to ${group}, then log out and back in.`,
      fixCommand: `sudo usermod -aG ${group} $USER`,
    } satisfies Finding;
  });
  return { findings, lockedPaths };
}

function canOpen(node: NodeStat, uid: number, groups: Set<number>): boolean {
  if (node.uid === uid && (node.mode & 0o600) === 0o600) return true;
  if (groups.has(node.gid) && (node.mode & 0o060) === 0o060) return true;
  return (node.mode & 0o006) === 0o006;
}

async function readGroups(root: string): Promise<GroupEntry[]> {
  const text = await readFile(join(root, 'etc', 'group'), 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    const [name, , gid, members = ''] = line.trim().split(':');
    if (!name || gid === undefined || !/^\d+$/.test(gid)) return [];
    return [
      {
        name,
        gid: Number(gid),
        members: members
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      },
    ];
  });
}

async function primaryGroupOf(root: string, userName: string): Promise<number | undefined> {
  const text = await readFile(join(root, 'etc', 'passwd'), 'utf8').catch(() => '');
  const line = text.split('\n').find((l) => l.startsWith(`${userName}:`));
  const gid = line?.split(':')[3];
  return gid !== undefined && /^\d+$/.test(gid) ? Number(gid) : undefined;
}

/** True when a process with this comm name runs (reads <procRoot>/<pid>/comm). */
export async function isProcessRunning(procRoot: string, name: string): Promise<boolean> {
  const pids = (await readdir(procRoot).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n));
  for (const pid of pids) {
    const comm = await readFile(join(procRoot, pid, 'comm'), 'utf8').catch(() => '');
    if (comm.trim() === name) return true;
  }
  return false;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const defaultStat = async (path: string): Promise<NodeStat> => {
  const s = await fsStat(path);
  return { uid: s.uid, gid: s.gid, mode: s.mode };
};
