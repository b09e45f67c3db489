/**
 * One kit on the station: its model (src-shared/devices/modelLabel.ts), serial-number tail, UUID tail once read, firmware mode, the
 * current step and its clock; on failure the code, cause and fix, and Retry.
 */
import { useRef } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import StopIcon from '@mui/icons-material/Stop';
import { jobModelLabel } from '../../../../src-shared/devices/index';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { formatElapsed } from '../../lib/format';
import { noticeParts } from '../../lib/noticeParts';
import { useNow } from '../../lib/useNow';
import { CodeChip } from '../../components/CodeChip';
import { CopyCommand } from '../../components/CopyCommand';
import { kitLabel, modeText, SERIAL_TAIL, tail, UUID_TAIL, type KitState } from '../jobs/jobText';
import { phaseOfKit, type StationKit } from '../jobs/stationKits';
import type { JobEntry } from '../jobs/jobsSlice';
import { KitStateLine } from './KitStateLine';

const mono = { fontFamily: 'monospace' } as const;

function Elapsed({ job }: { job: JobEntry }) {
  const phase = job.view.phase;
  const isRunning = phase === 'waiting' || phase === 'working';
  const now = useNow(1000, isRunning);
  const ms = isRunning
    ? job.view.elapsedMs + Math.max(0, now - job.receivedAt)
    : job.view.elapsedMs;
  const time = formatElapsed(ms);
  return (
    <Typography variant="body2" aria-label={t('station.elapsedLabel', { time })} sx={mono}>
      {t('station.elapsed', { time })}
    </Typography>
  );
}

function Failure({ job }: { job: JobEntry }) {
  const { error, explanation } = job.view;
  if (!error) return null;
  // The tile leads with main's message; the explanation adds only what it does not say.
  const parts = noticeParts({ error, title: error.message, explanation });
  return (
    <Alert severity="error" role="note" sx={{ mt: 1 }} data-testid="kit-error">
      <Box>
        {parts.headline}
        <CodeChip code={error.code} />
      </Box>
      {parts.cause !== undefined && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <strong>{t('connect.cause')}:</strong> {parts.cause}
        </Typography>
      )}
      {parts.fix !== undefined && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          <strong>{t('connect.fix')}:</strong> {parts.fix}
        </Typography>
      )}
      {parts.fixCommand !== undefined && <CopyCommand command={parts.fixCommand} />}
    </Alert>
  );
}

function stepDetail(kit: StationKit): string | undefined {
  const view = kit.job?.view;
  if (!view) return kit.target === undefined ? t('station.noAtPort') : undefined;
  if (view.cloudWait === 'paused') return t('station.cloudPaused');
  if (view.cloudWait === 'slot') return t('station.cloudSlot');
  return view.phase === 'working' ? view.stepText : undefined;
}

export function KitTile({ kit }: { kit: StationKit }) {
  const startJob = useAppStore((s) => s.startJob);
  const retryJob = useAppStore((s) => s.retryJob);
  const cancelJob = useAppStore((s) => s.cancelJob);
  const ref = useRef<HTMLLIElement>(null);
  const view = kit.job?.view;
  const target = kit.target;
  const state: KitState = view?.state ?? 'not-started';
  const phase = phaseOfKit(kit);
  const label = kitLabel(kit.kitName, kit.serialNumber ?? kit.id);
  const model = jobModelLabel({
    kitName: kit.kitName,
    serialNumber: kit.serialNumber,
    model: view?.model,
    decoded: view?.decoded,
  });
  const headingId = `kit-${kit.id.replace(/[^\w-]/g, '_')}`;
  const canRetry = phase === 'failed' && (kit.device !== undefined || target !== undefined);
  // The button the user pressed goes away with the state it belonged to: keep focus on the tile.
  const act = (action: () => Promise<unknown>) => {
    ref.current?.focus();
    void action();
  };

  return (
    <Card
      component="li"
      ref={ref}
      tabIndex={-1}
      variant="outlined"
      aria-labelledby={headingId}
      data-testid={`kit-tile-${kit.id}`}
      data-state={state}
      sx={{
        display: 'flex',
        flexDirection: 'column',
        borderColor: phase === 'failed' ? 'error.main' : undefined,
      }}
    >
      <CardContent sx={{ flexGrow: 1, display: 'grid', gap: 1, alignContent: 'start' }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h3" component="h3" id={headingId}>
            {model ?? t('station.unknownKit')}
          </Typography>
          {kit.serialNumber && (
            <Typography
              variant="body2"
              sx={mono}
              aria-label={t('station.serialLabel', { serial: kit.serialNumber })}
            >
              {t('station.serialTail', { tail: tail(kit.serialNumber, SERIAL_TAIL) })}
            </Typography>
          )}
        </Box>
        <KitStateLine state={state} detail={stepDetail(kit)} />
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', color: 'text.secondary' }}>
          {view?.mode && <Typography variant="body2">{modeText(view.mode)}</Typography>}
          {view?.deviceUuid && (
            <Typography
              variant="body2"
              sx={mono}
              aria-label={t('station.uuidLabel', { uuid: view.deviceUuid })}
            >
              {t('station.uuidTail', { tail: tail(view.deviceUuid, UUID_TAIL) })}
            </Typography>
          )}
          {kit.job && <Elapsed job={kit.job} />}
          {view && view.attempt > 1 && (
            <Typography variant="body2">{t('station.attempt', { n: view.attempt })}</Typography>
          )}
          {!kit.device && <Typography variant="body2">{t('station.notPlugged')}</Typography>}
        </Box>
        {kit.job && phase === 'failed' && <Failure job={kit.job} />}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, pt: 0 }}>
        {!view && target && (
          <Button
            variant="outlined"
            startIcon={<PlayArrowIcon />}
            aria-label={t('station.startKit', { kit: label })}
            onClick={() => act(() => startJob(target))}
          >
            {t('station.start')}
          </Button>
        )}
        {view && (phase === 'waiting' || phase === 'working') && (
          <Button
            variant="outlined"
            startIcon={<StopIcon />}
            aria-label={t('station.stopKit', { kit: label })}
            onClick={() => act(() => cancelJob(view.id))}
          >
            {t('station.stop')}
          </Button>
        )}
        {view && canRetry && (
          <Button
            variant="contained"
            startIcon={<ReplayIcon />}
            aria-label={t('station.retryKit', { kit: label })}
            onClick={() => act(() => retryJob(view.id))}
          >
            {t('common.retry')}
          </Button>
        )}
      </CardActions>
    </Card>
  );
}
