/** Every serial port with its live probe result; probes once when shown, again on request. */
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PortRow } from './PortRow';

// Five columns, so the table fits a 1024 px window: the USB ids sit under the kit's name and the
// row's actions under its holder (issue 12 item 5).
const columns = ['path', 'device', 'role', 'probe', 'holders'] as const;

export function PortsTable() {
  const op = useAppStore((s) => s.portsOp);
  const holdersOps = useAppStore((s) => s.holdersOps);
  const probePorts = useAppStore((s) => s.probePorts);
  const findHolders = useAppStore((s) => s.findHolders);

  const reprobe = () => void probePorts();
  return (
    <Stack spacing={2} component="section" aria-labelledby="ports-heading">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <span id="ports-heading">
          <StepHeading level={3}>{t('diagnostics.portsHeading')}</StepHeading>
        </span>
        <Button
          variant="outlined"
          startIcon={<RefreshIcon />}
          onClick={reprobe}
          disabled={op.status === 'running'}
        >
          {t('diagnostics.reprobe')}
        </Button>
      </Stack>
      {op.status === 'running' && (
        <>
          <LinearProgress aria-label={t('diagnostics.probing')} />
          <Typography>{t('diagnostics.probing')}</Typography>
        </>
      )}
      {op.status === 'failed' && <ErrorNotice error={op.error} />}
      {op.status === 'done' && op.value.length === 0 && (
        <Typography>{t('diagnostics.noPorts')}</Typography>
      )}
      {op.status === 'done' && op.value.length > 0 && (
        <TableContainer>
          <Table size="small" data-testid="ports-table">
            <TableHead>
              <TableRow>
                {columns.map((c) => (
                  <TableCell key={c}>{t(`diagnostics.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {op.value.map((report) => (
                <PortRow
                  key={report.path}
                  report={report}
                  holdersOp={holdersOps[report.path]}
                  onRetry={reprobe}
                  onFindHolders={(path) => void findHolders(path)}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
