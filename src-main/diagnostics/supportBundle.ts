/**
 * The support bundle: everything a support person needs about one machine and its devices, as a
 * zip, with every secret removed (API keys vanish, tokens keep their last 6 characters).
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../../src-shared/ipc/errors';
import { redactSecrets } from '../../src-shared/redact';
import { visibleControls, type TranscriptEntry } from '../../src-shared/at/transcript';
import type { PortInfo } from '../../src-shared/devices/kits';
import type { TimelineEntry } from '../../src-shared/ipc/diagnostics';
import type { Finding } from './permissionDoctor';
import type { ProbeResult } from './probe';
import { findFlapping } from './usbTimeline';

/** A transcript entry as the AT session records it (TranscriptEntry, or anything with its fields). */
export type BundleTranscriptEntry = Pick<TranscriptEntry, 't' | 'port' | 'text'> & { dir: string };

/** Everything the bundle collects, gathered by the caller. */
export interface SupportBundleInput {
  appVersion: string;
  os: { platform: string; release: string; arch: string };
  ports: readonly PortInfo[];
  probes: readonly ProbeResult[];
  findings: readonly Finding[];
  timeline: readonly TimelineEntry[];
  transcripts: readonly BundleTranscriptEntry[];
  logText: string;
  extra?: Record<string, unknown>;
  /** When the bundle was made (ms since epoch); default now. */
  createdAt?: number;
}

/** File name -> redacted text. */
export interface SupportBundle {
  files: Record<string, string>;
}

/** Builds the bundle's files in memory, each passed through redaction. */
export function buildSupportBundle(input: SupportBundleInput): SupportBundle {
  const createdAt = input.createdAt ?? Date.now();
  const files: Record<string, string> = {
    'summary.txt': summarizeForTicket(input),
    'system.json': json({
      appVersion: input.appVersion,
      os: input.os,
      createdAt: new Date(createdAt).toISOString(),
    }),
    'ports.json': json(input.ports),
    'probes.json': json(input.probes),
    'findings.json': json(input.findings),
    'usb-timeline.json': json(input.timeline),
    'transcripts.txt': formatTranscripts(input.transcripts),
    'app.log': redact(input.logText),
  };
  if (input.extra !== undefined) files['extra.json'] = json(input.extra);
  return { files };
}

/** Writes the bundle as a zip, atomically: a temp file beside the target, then a rename. */
export async function writeSupportBundleZip(
  bundle: SupportBundle,
  filePath: string,
): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(bundle.files)) entries[name] = strToU8(text);
  const temp = join(dirname(filePath), `.${basename(filePath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, zipSync(entries, { level: 6 }), { mode: 0o600 });
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new AppError(
      'BUNDLE_FAILED',
      `Could not save the support bundle to ${filePath}`,
      (error as Error).message,
    );
  }
}

/** A short plain-text summary for a ticket or the clipboard, redacted like the bundle. */
export function summarizeForTicket(input: SupportBundleInput): string {
  const lines = [
    `Onboarder ${input.appVersion} on ${input.os.platform} ${input.os.release} (${input.os.arch})`,
  ];

  const devices = new Map<string, PortInfo[]>();
  for (const port of input.ports) {
    const key = port.serialNumber ?? `(no serial) ${port.path}`;
    devices.set(key, [...(devices.get(key) ?? []), port]);
  }
  lines.push(`Devices: ${devices.size === 0 ? 'none' : ''}`.trimEnd());
  for (const [serial, ports] of devices) {
    const first = ports[0];
    const ids = first?.vendorId ? ` ${first.vendorId}:${first.productId ?? '?'}` : '';
    lines.push(`  ${serial}${ids}: ${ports.map((p) => p.path).join(', ')}`);
  }

  if (input.probes.length > 0) {
    lines.push('Ports:');
    for (const p of input.probes)
      lines.push(`  ${p.path}: ${p.label}${p.error ? ` [${p.error.code}]` : ''}`);
  }

  const problems = input.findings.filter((f) => f.id !== 'ok');
  lines.push(problems.length === 0 ? 'Findings: none' : 'Findings:');
  for (const f of problems.slice(0, 5)) {
    lines.push(
      `  [${f.severity}] ${f.title}${f.fixCommand ? ` -> ${f.fixCommand.split('\n')[0]}` : ''}`,
    );
  }
  if (problems.length > 5) lines.push(`  ... and ${problems.length - 5} more`);

  const lastT = input.timeline.at(-1)?.t ?? 0;
  for (const f of findFlapping(input.timeline, 60_000, lastT)) {
    lines.push(
      `USB: ${f.serialNumber} reconnected ${f.count} times within a minute (cable or power?)`,
    );
  }
  return redact(lines.join('\n'));
}

// Sessions record received text line by line, so a whole token sits inside one entry; a part cut
// short elsewhere is still caught by TOKEN_FRAGMENT.
function formatTranscripts(entries: readonly BundleTranscriptEntry[]): string {
  return entries
    .map(
      (e) =>
        `${new Date(e.t).toISOString()} ${redact(e.port)} ${redact(e.dir)} ${visibleControls(redact(e.text))}`,
    )
    .join('\n');
}

// Masks what redactSecrets cannot see as a whole token: one part alone (no dot), or a part cut short.
const TOKEN_FRAGMENT = /(?:2dn3hQ|0oRDoQ)[A-Za-z0-9_-]{10,}/g;

function redact(text: string): string {
  return redactSecrets(text).replace(TOKEN_FRAGMENT, '[token fragment]');
}

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return redactDeep((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v)]));
  }
  return value;
}

// Strings are redacted before serialising, so a replacement can never break the JSON.
function json(value: unknown): string {
  return `${JSON.stringify(redactDeep(value), null, 2)}\n`;
}
