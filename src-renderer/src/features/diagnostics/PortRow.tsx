/** One port in the diagnostics table, with Retry and "Who holds it?" when it is busy. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import CircularProgress from '@mui/material/CircularProgress';
import type { PortHolder, PortReport } from '../../../../src-shared/ipc/diagnostics';
import type { Op } from '../../store/op';
import { t } from '../../i18n/t';
import { vidPid } from '../../lib/format';
import { StatusLabel } from '../../components/StatusLabel';
import { CodeChip } from '../../components/CodeChip';
import { isHeldVerdict, verdictKind } from './verdictView';

interface Props {
  report: PortReport;
  holdersOp: Op<PortHolder[]> | undefined;
  onRetry: () => void;
  onFindHolders: (path: string) => void;
}

/**
 * The verdict in the user's words, plus what main's label adds (a holder, an ERROR answer)
 * without repeating the verdict: "Busy (held by minicom, pid 1234)", not "Busy: busy (…)".
 */
export function probeLabel(verdictText: string, mainLabel: string | undefined): string {
  if (!mainLabel || mainLabel.toLowerCase() === verdictText.toLowerCase()) return verdictText;
  if (mainLabel.toLowerCase().startsWith(verdictText.toLowerCase())) {
    return `${verdictText}${mainLabel.slice(verdictText.length)}`;
  }
  return `${verdictText}: ${mainLabel}`;
}

function holdersText(holders: readonly PortHolder[]): string {
  return holders.map((h) => t('diagnostics.heldBy', { command: h.command, pid: h.pid })).join(', ');
}

export function PortRow({ report, holdersOp, onRetry, onFindHolders }: Props) {
  const verdictText = t(`verdicts.${report.verdict ?? 'pending'}`);
  const label = probeLabel(verdictText, report.label);
  const found = holdersOp?.status === 'done' ? holdersOp.value : report.holders;
  return (
    <TableRow data-testid={`port-row-${report.path}`}>
      <TableCell sx={{ fontFamily: 'monospace' }}>{report.path}</TableCell>
      <TableCell>{report.deviceName ?? ''}</TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>
        {vidPid(report.vendorId, report.productId)}
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>{report.serialNumber ?? ''}</TableCell>
      <TableCell>{report.interfaceNumber ?? ''}</TableCell>
      <TableCell>{t(`roles.${report.role}`)}</TableCell>
      <TableCell>
        <StatusLabel kind={verdictKind(report.verdict)} text={label} />
        {report.error && <CodeChip code={report.error.code} />}
      </TableCell>
      <TableCell>
        {holdersOp?.status === 'running' && (
          <CircularProgress size={18} aria-label={t('common.working')} />
        )}
        {found && found.length > 0 && holdersText(found)}
        {found && found.length === 0 && holdersOp?.status === 'done' && t('diagnostics.noHolders')}
        {holdersOp?.status === 'failed' && <CodeChip code={holdersOp.error.code} />}
      </TableCell>
      <TableCell>
        {isHeldVerdict(report.verdict) && (
          <Stack direction="row" spacing={1}>
            <Button
              size="small"
              onClick={onRetry}
              aria-label={t('diagnostics.retryPort', { path: report.path })}
            >
              {t('common.retry')}
            </Button>
            <Button
              size="small"
              onClick={() => onFindHolders(report.path)}
              aria-label={t('diagnostics.whoHoldsPort', { path: report.path })}
            >
              {t('diagnostics.whoHolds')}
            </Button>
          </Stack>
        )}
      </TableCell>
    </TableRow>
  );
}
