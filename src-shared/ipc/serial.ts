/** The `serial` domain: devices and ports, the AT session, attestation. */
import { z } from 'zod';
import type { Device, DevicePort } from '../devices/index';
import type { DecodedToken } from '../token/decode';
import type { TranscriptEntry } from '../at/transcript';
import type { AppErrorData } from './errors';
import { event, invoke, returns } from './contract';

export type FirmwareMode = 'unknown' | 'at-host' | 'slm' | 'shell';

export interface DeviceSnapshot {
  devices: Device[];
  otherPorts: DevicePort[];
  /** Set when enumeration fell back to scanning /dev and /sys (no udevadm, or listing failed). */
  degraded?: { reason: string };
  lastUsedSerial?: string;
  /** Poll interval of the hot-plug watcher, so the UI can say how fresh the list is. */
  pollIntervalMs: number;
  scannedAt: number;
}

export interface ConnectResult {
  sessionId: string;
  path: string;
  mode: FirmwareMode;
  /** The mode in words, with why it was decided. */
  modeDescription: string;
}

export interface AttestResult {
  journalId: string;
  token: string;
  decoded: DecodedToken;
  mode: FirmwareMode;
  model?: string;
  firmware?: string;
  imei?: string;
  warnings: string[];
}

export interface AtReplyView {
  command: string;
  sentAs: string;
  lines: string[];
  final: string;
  mode: FirmwareMode;
  durationMs: number;
}

const requestId = z.string().min(1).max(64);
const sessionId = z.string().min(1).max(64);
export const portPathSchema = z.string().trim().min(1).max(512);

export const serialChannels = {
  listDevices: invoke('serial:list-devices', z.object({}).strict(), returns<DeviceSnapshot>()),
  connect: invoke(
    'serial:open-session',
    z
      .object({
        path: portPathSchema,
        baudRate: z.number().int().min(1200).max(4_000_000).optional(),
        deviceSerial: z.string().max(128).optional(),
      })
      .strict(),
    returns<ConnectResult>(),
  ),
  disconnect: invoke('serial:close-session', z.object({ sessionId }).strict(), returns<void>()),
  sendCommand: invoke(
    'serial:send-command',
    z
      .object({
        sessionId,
        command: z.string().trim().min(1).max(2048),
        timeoutMs: z.number().int().min(100).max(120_000).optional(),
      })
      .strict(),
    returns<AtReplyView>(),
  ),
  attest: invoke(
    'serial:read-token',
    z.object({ sessionId, requestId }).strict(),
    returns<AttestResult>(),
  ),
  cancel: invoke('serial:cancel-request', z.object({ requestId }).strict(), returns<void>()),
  getTranscript: invoke(
    'serial:get-transcript',
    z.object({ path: portPathSchema.optional() }).strict(),
    returns<TranscriptEntry[]>(),
  ),
  devicesChanged: event('serial:devices-changed', returns<DeviceSnapshot>()),
  progress: event('serial:progress', returns<{ requestId: string; step: string }>()),
  sessionClosed: event(
    'serial:session-closed',
    returns<{ sessionId: string; path: string; reason?: AppErrorData }>(),
  ),
} as const;
