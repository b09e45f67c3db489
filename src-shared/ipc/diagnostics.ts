/** The `diagnostics` domain: every port, why it fails, and a support bundle. */
import { z } from 'zod';
import type { PortRole } from '../devices/index';
import { errorCodes, type AppErrorData } from './errors';
import type { SavedFile } from './app';
import { invoke, returns } from './contract';

export type ProbeVerdict =
  | 'at-host'
  | 'shell'
  | 'slm'
  | 'no-answer'
  | 'busy'
  | 'permission-denied'
  | 'gone'
  | 'in-use-by-app'
  /** Left alone on purpose: a kit's secondary or trace port, or a built-in UART (label says which). */
  | 'not-probed'
  | 'error';

export interface PortHolder {
  pid: number;
  command: string;
  user?: string;
}

export interface PortReport {
  path: string;
  deviceName?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  interfaceNumber?: number;
  role: PortRole;
  verdict?: ProbeVerdict;
  label?: string;
  error?: AppErrorData;
  holders?: PortHolder[];
  durationMs?: number;
}

export type FindingId =
  'not-in-group' | 'group-not-active' | 'modemmanager' | 'no-udev-rule' | 'sandbox' | 'ok';

/** One problem found by the permission doctor (or the all-clear) with what to do about it. */
export interface Finding {
  id: FindingId;
  severity: 'error' | 'warning' | 'info';
  title: string;
  detail: string;
  fix: string;
  fixCommand?: string;
}

export interface Explanation {
  title: string;
  cause: string;
  fix: string;
  fixCommand?: string;
}

export interface TimelineEntry {
  t: number;
  kind: 'arrived' | 'left';
  serialNumber?: string;
  name: string;
  ports: string[];
}

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string().max(10_000),
  detail: z.string().max(100_000).optional(),
});

export const diagnosticsChannels = {
  probePorts: invoke('diagnostics:probe-ports', z.object({}).strict(), returns<PortReport[]>()),
  findHolders: invoke(
    'diagnostics:find-holders',
    z.object({ path: z.string().min(1).max(512) }).strict(),
    returns<PortHolder[]>(),
  ),
  runPermissionDoctor: invoke(
    'diagnostics:run-permission-doctor',
    z.object({}).strict(),
    returns<Finding[]>(),
  ),
  getUsbTimeline: invoke(
    'diagnostics:get-usb-timeline',
    z.object({}).strict(),
    returns<{
      entries: TimelineEntry[];
      flapping: Array<{ serialNumber: string; count: number }>;
    }>(),
  ),
  explainError: invoke(
    'diagnostics:explain-error',
    z.object({ error: appErrorSchema, path: z.string().max(512).optional() }).strict(),
    returns<Explanation>(),
  ),
  saveSupportBundle: invoke(
    'diagnostics:save-support-bundle',
    z.object({}).strict(),
    returns<SavedFile | null>(),
  ),
  copyTicketSummary: invoke(
    'diagnostics:copy-ticket-summary',
    z.object({}).strict(),
    returns<{ text: string }>(),
  ),
} as const;
