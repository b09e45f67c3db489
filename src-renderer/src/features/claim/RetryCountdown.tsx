/** Counts down to the retry main has scheduled after a rate limit or a server error. */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import type { ScheduledRetry } from './claimSlice';

function Countdown({ retry }: { retry: ScheduledRetry }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((retry.until - now) / 1000));
  return (
    <Alert severity="info" role="status" data-testid="retry-countdown">
      {t('claim.retryIn', { attempt: retry.attempt, reason: retry.reason, seconds })}
    </Alert>
  );
}

export function RetryCountdown() {
  const retry = useAppStore((s) => s.retry);
  // A new key per announcement restarts the clock from the moment it arrived.
  return retry ? <Countdown key={`${retry.requestId}-${retry.attempt}`} retry={retry} /> : null;
}
