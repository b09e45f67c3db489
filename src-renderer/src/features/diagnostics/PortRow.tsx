/** One port in the diagnostics table, with Retry and "Who holds it?" when it is busy. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
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

/** VID:PID and USB interface on one line: `1366:1059 · interface 2`. */
function usbLine(report: PortReport): string {
  const ids = vidPid(report.vendorId, report.productId);
  const iface =
    report.interfaceNumber === undefined
      ? ''
      : t('diagnostics.ifaceN', { n: report.interfaceNumber });
  return [ids, iface].filter(Boolean).join(' · ');
}

export function PortRow({ report, holdersOp, onRetry, onFindHolders }: Props) {
  const verdictText = t(`verdicts.${report.verdict ?? 'pending'}`);
  const label = probeLabel(verdictText, report.label);
  const found = holdersOp?.status === 'done' ? holdersOp.value : report.holders;
  const usb = usbLine(report);
  return (
    <TableRow data-testid={`port-row-${report.path}`}>
      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{report.path}</TableCell>
      <TableCell>
        {report.deviceName && <Box sx={{ whiteSpace: 'nowrap' }}>{report.deviceName}</Box>}
        {report.serialNumber && (
          <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {t('diagnostics.serialN', { serial: report.serialNumber })}
          </Typography>
        )}
        {usb && (
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
            {usb}
          </Typography>
        )}
      </TableCell>
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
        {isHeldVerdict(report.verdict) && (
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mt: 0.5 }}>
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
