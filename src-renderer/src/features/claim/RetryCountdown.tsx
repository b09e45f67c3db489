/** Counts down while the flow's cloud call waits out the queue's pause (nRF Cloud asked to wait). */
import Alert from '@mui/material/Alert';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { useNow } from '../../lib/useNow';
import { useFlowJob } from '../onboarding/useFlowJob';

function Countdown({ until, reason }: { until: number; reason: string }) {
  const now = useNow(250);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <Alert severity="info" role="status" data-testid="retry-countdown">
      {t('claim.retryIn', { reason, seconds })}
    </Alert>
  );
}

export function RetryCountdown() {
  const isPaused = useFlowJob().job?.cloudWait === 'paused';
  const pause = useAppStore((s) => s.queue?.pause);
  const since = useAppStore((s) => s.queueReceivedAt);
  if (!isPaused || !pause) return null;
  // A new key per report restarts the clock from the moment it arrived.
  return (
    <Countdown
      key={`${pause.until}-${since}`}
      until={since + pause.remainingMs}
      reason={pause.reason}
    />
  );
}
