/** The Station tab: one tile per plugged kit or job, the header above, the cloud pause if any. */
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { LiveRegion } from '../../components/LiveRegion';
import { stationKits } from '../jobs/stationKits';
import { StationHeader } from './StationHeader';
import { QueuePause } from './QueuePause';
import { KitTile } from './KitTile';

export function StationView() {
  const snapshot = useAppStore((s) => s.snapshot);
  const jobs = useAppStore((s) => s.jobs);
  const announcement = useAppStore((s) => s.stationAnnouncement);
  const kits = useMemo(() => stationKits(snapshot, jobs), [snapshot, jobs]);
  return (
    <Box component="section" aria-labelledby="station-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h2" id="station-heading">
        {t('station.heading')}
      </Typography>
      <Typography color="text.secondary">{t('station.intro')}</Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <StationHeader kits={kits} />
      </Paper>
      <QueuePause />
      <LiveRegion message={announcement} testId="station-announcer" />
      {kits.length === 0 ? (
        <Typography data-testid="station-empty">{t('station.empty')}</Typography>
      ) : (
        <Box
          component="ul"
          aria-label={t('station.kitsLabel')}
          data-testid="station-tiles"
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
            listStyle: 'none',
            p: 0,
            m: 0,
          }}
        >
          {kits.map((kit) => (
            <KitTile key={kit.id} kit={kit} />
          ))}
        </Box>
      )}
    </Box>
  );
}
