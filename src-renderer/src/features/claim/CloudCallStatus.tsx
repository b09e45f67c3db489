/** A dry run or claim in flight: what it is doing, a retry countdown, Cancel, and "Cancelled" after. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { RetryCountdown } from './RetryCountdown';
import { isCancelled } from './claimSlice';
import { useFlowJob } from '../onboarding/useFlowJob';

export function CloudCallStatus() {
  const { dryRunOp, claimOp } = useFlowJob();
  const cancelCloudCall = useAppStore((s) => s.cancelCloudCall);
  const activity =
    claimOp.status === 'running'
      ? t('claim.claiming')
      : dryRunOp.status === 'running'
        ? t('claim.dryRunning')
        : undefined;
  return (
    <>
      {activity && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Box sx={{ flexGrow: 1 }}>
            <LinearProgress aria-label={activity} />
            <Typography>{activity}</Typography>
          </Box>
          <Button variant="outlined" color="warning" onClick={() => void cancelCloudCall()}>
            {t('claim.cancelCall')}
          </Button>
        </Stack>
      )}
      <RetryCountdown />
      {isCancelled(claimOp) && (
        <Alert severity="info" role="status" data-testid="cloud-cancelled">
          {t('claim.claimCancelled')}
        </Alert>
      )}
      {isCancelled(dryRunOp) && claimOp.status === 'idle' && (
        <Alert severity="info" role="status" data-testid="cloud-cancelled">
          {t('claim.dryRunCancelled')}
        </Alert>
      )}
    </>
  );
}
