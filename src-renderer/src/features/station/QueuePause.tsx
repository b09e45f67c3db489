/** The cloud queue's pause after a 429, counting down for everyone (every kit waits on it). */
import Alert from '@mui/material/Alert';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { useNow } from '../../lib/useNow';

function Countdown({
  remainingMs,
  since,
  reason,
}: {
  remainingMs: number;
  since: number;
  reason: string;
}) {
  const now = useNow(250);
  const seconds = Math.max(0, Math.ceil((remainingMs - (now - since)) / 1000));
  // role="timer": the ticking text is not read aloud; the pause itself is announced once.
  return (
    <Alert severity="warning" role="timer" data-testid="queue-pause">
      {t('station.paused', { reason, seconds })}
    </Alert>
  );
}

export function QueuePause() {
  const pause = useAppStore((s) => s.queue?.pause);
  const since = useAppStore((s) => s.queueReceivedAt);
  if (!pause) return null;
  return (
    <Countdown
      key={`${pause.until}-${since}`}
      remainingMs={pause.remainingMs}
      since={since}
      reason={pause.reason}
    />
  );
}
