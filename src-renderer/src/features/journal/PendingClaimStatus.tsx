/** "Claim pending" as it runs (with Cancel) and once it ends: the summary, why it stopped, or "Cancelled". */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';

export function PendingClaimStatus() {
  const op = useAppStore((s) => s.pendingOp);
  const cancel = useAppStore((s) => s.cancelClaimPending);
  if (op.status === 'idle') return null;
  if (op.status === 'running') {
    return (
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ flexGrow: 1 }}>
          <LinearProgress aria-label={t('journal.claimingPending')} />
          <Typography>{t('journal.claimingPending')}</Typography>
        </Box>
        <Button variant="outlined" color="warning" onClick={() => void cancel()}>
          {t('journal.cancelPending')}
        </Button>
      </Stack>
    );
  }
  if (op.status === 'failed') {
    return op.error.code === 'CANCELLED' ? <Cancelled /> : <ErrorNotice error={op.error} />;
  }
  const summary = op.value;
  // main stops the batch at the first cancel and reports it as the reason it stopped.
  const isCancelled = summary.stoppedBy?.code === 'CANCELLED';
  const hasProblems = summary.failed > 0 || (summary.notTried > 0 && !isCancelled);
  return (
    <>
      <Alert severity={hasProblems ? 'warning' : isCancelled ? 'info' : 'success'} role="status">
        {t('journal.pendingSummary', {
          claimed: summary.claimed,
          already: summary.alreadyClaimed,
          failed: summary.failed,
          notTried: summary.notTried,
        })}
      </Alert>
      {isCancelled && <Cancelled />}
      {summary.stoppedBy && !isCancelled && (
        <ErrorNotice error={summary.stoppedBy} title={t('journal.stopped')} />
      )}
    </>
  );
}

function Cancelled() {
  return (
    <Alert severity="info" role="status" data-testid="pending-cancelled">
      {t('journal.pendingCancelled')}
    </Alert>
  );
}
