/** The station's header: counts by state, Start all, Retry failed, Export report, and Auto. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import type { JobPhase } from '../../../../src-shared/ipc/onboarding';
import { useAppStore } from '../../store/appStore';
import { t, type MessageKey } from '../../i18n/t';
import { countKits, retryableKits, startableKits, type StationKit } from '../jobs/stationKits';

const countLabels: ReadonlyArray<{ phase: JobPhase; key: MessageKey; isAlwaysShown: boolean }> = [
  { phase: 'waiting', key: 'station.countWaiting', isAlwaysShown: true },
  { phase: 'working', key: 'station.countWorking', isAlwaysShown: true },
  { phase: 'connected', key: 'station.countConnected', isAlwaysShown: true },
  { phase: 'claimed', key: 'station.countClaimed', isAlwaysShown: true },
  { phase: 'already-claimed', key: 'station.countAlready', isAlwaysShown: true },
  { phase: 'read', key: 'station.countRead', isAlwaysShown: false },
  { phase: 'failed', key: 'station.countFailed', isAlwaysShown: true },
];

export function StationHeader({ kits }: { kits: readonly StationKit[] }) {
  const isAuto = useAppStore((s) => s.isAuto);
  const isAutoBusy = useAppStore((s) => s.autoOp.status === 'running');
  const isExporting = useAppStore((s) => s.reportOp.status === 'running');
  const hasJobs = useAppStore((s) => Object.keys(s.jobs).length > 0);
  const setAuto = useAppStore((s) => s.setAuto);
  const startJob = useAppStore((s) => s.startJob);
  const retryJob = useAppStore((s) => s.retryJob);
  const exportReport = useAppStore((s) => s.exportReport);
  const counts = countKits(kits);
  const startable = startableKits(kits);
  const retryable = retryableKits(kits);

  const startAll = () => {
    for (const kit of startable) if (kit.target) void startJob(kit.target);
  };
  const retryFailed = () => {
    for (const kit of retryable) void retryJob(kit.id);
  };

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
      <Box
        component="ul"
        aria-label={t('station.countsLabel')}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0 }}
      >
        {countLabels
          .filter(({ phase, isAlwaysShown }) => isAlwaysShown || counts[phase] > 0)
          .map(({ phase, key }) => (
            <li key={phase}>
              <Chip
                label={t(key, { count: counts[phase] })}
                variant={counts[phase] > 0 ? 'filled' : 'outlined'}
                color={phase === 'failed' && counts.failed > 0 ? 'error' : 'default'}
                data-testid={`count-${phase}`}
              />
            </li>
          ))}
      </Box>
      <Box sx={{ flexGrow: 1 }} />
      <Box>
        <FormControlLabel
          control={
            <Switch
              checked={isAuto}
              disabled={isAutoBusy}
              onChange={(_event, checked) => void setAuto(checked)}
              slotProps={{ input: { 'aria-describedby': 'station-auto-help' } }}
            />
          }
          label={t('station.auto')}
        />
        <Typography
          id="station-auto-help"
          variant="body2"
          color="text.secondary"
          sx={{ maxWidth: 320 }}
        >
          {t('station.autoHelp')}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Button
          variant="contained"
          startIcon={<PlayArrowIcon />}
          disabled={startable.length === 0}
          onClick={startAll}
        >
          {t('station.startAll')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<ReplayIcon />}
          disabled={retryable.length === 0}
          onClick={retryFailed}
        >
          {t('station.retryFailed')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<FileDownloadIcon />}
          disabled={!hasJobs || isExporting}
          onClick={() => void exportReport()}
        >
          {t('station.exportReport')}
        </Button>
      </Box>
    </Box>
  );
}
