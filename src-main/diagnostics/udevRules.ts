/**
 * Reads the udev rule folders of a (possibly fake) root and answers two questions per USB vendor:
 * does any rule match it, and does a rule tell ModemManager to ignore it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folders udev reads rules from, relative to the root. */
export const udevRuleDirs = [
  'etc/udev/rules.d',
  'run/udev/rules.d',
  'usr/lib/udev/rules.d',
  'lib/udev/rules.d',
];

/** One rules file, ready for matching. */
export interface UdevRuleFile {
  path: string;
  /** Non-comment lines, continuation lines joined. */
  lines: string[];
}

/** Loads every *.rules file under the standard folders of `root`. */
export async function loadUdevRules(root: string): Promise<UdevRuleFile[]> {
  const files: UdevRuleFile[] = [];
  for (const dir of udevRuleDirs) {
    const abs = join(root, dir);
    const names = await readdir(abs).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.rules')).sort()) {
      const text = await readFile(join(abs, name), 'utf8').catch(() => undefined);
      if (text !== undefined) files.push({ path: join('/', dir, name), lines: ruleLines(text) });
    }
  }
  return files;
}

function ruleLines(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

const vendorMatch = (vendor: string) =>
  new RegExp(
    `(?:ATTRS?\\{idVendor\\}|ENV\\{ID_VENDOR_ID\\}|ENV\\{ID_USB_VENDOR_ID\\})\\s*==\\s*"${vendor}"`,
    'i',
  );
const mmIgnore = /ENV\{ID_MM_DEVICE_IGNORE\}\s*=\s*"1"/;

/** The files with a rule that matches this USB vendor id (4 hex digits, lower case). */
export function filesMatchingVendor(files: readonly UdevRuleFile[], vendor: string): string[] {
  const re = vendorMatch(vendor);
  return files.filter((f) => f.lines.some((l) => re.test(l))).map((f) => f.path);
}

/**
 * True when some rule makes ModemManager ignore this vendor: either on the vendor's own line, in a
 * file that filters by that vendor (GOTO style), or through a flag a vendor line sets and a later
 * rule tests, as Nordic's 71-nrf.rules + 99-mm-nrf-blacklist.rules do with NRF_CDC_ACM.
 */
export function isIgnoredByModemManager(files: readonly UdevRuleFile[], vendor: string): boolean {
  const re = vendorMatch(vendor);
  const flags = new Set<string>();
  for (const file of files) {
    const mentionsVendor = file.lines.some((l) => re.test(l) || l.includes(`"${vendor}"`));
    for (const line of file.lines) {
      if (mmIgnore.test(line) && (re.test(line) || mentionsVendor)) return true;
      if (re.test(line)) {
        for (const m of line.matchAll(/ENV\{(\w+)\}\s*=\s*"([^"]*)"/g))
          flags.add(`${m[1]}=${m[2]}`);
      }
    }
  }
  return files.some((f) =>
    f.lines.some(
      (l) =>
        mmIgnore.test(l) &&
        [...l.matchAll(/ENV\{(\w+)\}\s*==\s*"([^"]*)"/g)].some((m) => flags.has(`${m[1]}=${m[2]}`)),
    ),
  );
}

/** The rule lines we recommend for the given vendors: group access for all users and a ModemManager opt-out. */
export function recommendedRules(vendors: readonly string[]): string {
  return vendors
    .map(
      (v) =>
        `SUBSYSTEM=="tty", ATTRS{idVendor}=="${v}", MODE="0666", ENV{ID_MM_DEVICE_IGNORE}="1", ENV{ID_MM_CANDIDATE}="0"`,
    )
    .join('\n');
}

/** Makes udev re-read its rules and re-apply them to present devices. */
export const udevReloadCommand = 'sudo udevadm control --reload-rules && sudo udevadm trigger';

/** A shell command that installs `rules` as /etc/udev/rules.d/<name> and reloads udev. */
export function installRulesCommand(rules: string, name = '71-nrf-onboard.rules'): string {
  return `printf '%s\\n' ${rules
    .split('\n')
    .map((l) => `'${l.replace(/'/g, `'\\''`)}'`)
    .join(' ')} | sudo tee /etc/udev/rules.d/${name} >/dev/null && ${udevReloadCommand}`;
}
