/** The station report: one CSV row per job, for the lab's records (Export report, CLI). */
import { jobModelLabel } from '../../src-shared/devices/modelLabel';
import type { JobView } from '../../src-shared/ipc/onboarding';
import { formatCsvRow } from '../cloud/journalCsv';

export const REPORT_COLUMNS = [
  'serial number',
  'port',
  // The kit and the SiP its token names, spelled as the app shows them (modelLabel.ts).
  'model',
  'IMEI',
  'device UUID',
  'state',
  'error code',
  'started',
  'finished',
] as const;

/** The report as CSV text with a header row, jobs in the order given. */
export function jobReportCsv(jobs: readonly JobView[]): string {
  const rows = jobs.map((job) =>
    formatCsvRow([
      job.serialNumber ?? '',
      job.port,
      jobModelLabel(job) ?? '',
      job.imei ?? '',
      job.deviceUuid ?? '',
      job.state,
      job.error?.code ?? '',
      job.startedAt,
      job.finishedAt ?? '',
    ]),
  );
  return [formatCsvRow([...REPORT_COLUMNS]), ...rows].map((row) => `${row}\n`).join('');
}

/** The file name Export report suggests. */
export const reportFileName = (now: Date): string =>
  `onboarding-report-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
