/** USB arrivals and departures, newest first; devices that keep coming and going are flagged. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { formatTime } from '../../lib/format';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusLabel } from '../../components/StatusLabel';

export function UsbTimeline() {
  const op = useAppStore((s) => s.timelineOp);
  const loadTimeline = useAppStore((s) => s.loadTimeline);

  const flapping = op.status === 'done' ? op.value.flapping : [];
  const flappingSerials = new Set(flapping.map((f) => f.serialNumber));
  const entries = op.status === 'done' ? [...op.value.entries].reverse() : [];
  return (
    <Stack spacing={2} component="section">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <StepHeading level={3}>{t('diagnostics.timelineHeading')}</StepHeading>
        <Button variant="outlined" startIcon={<RefreshIcon />} onClick={() => void loadTimeline()}>
          {t('diagnostics.refresh')}
        </Button>
      </Stack>
      {op.status === 'failed' && <ErrorNotice error={op.error} />}
      {flapping.map((f) => (
        <Alert key={f.serialNumber} severity="warning">
          {t('diagnostics.flapping', { serial: f.serialNumber, count: f.count })}
        </Alert>
      ))}
      {op.status === 'done' && entries.length === 0 && (
        <Typography>{t('diagnostics.timelineEmpty')}</Typography>
      )}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, maxHeight: 320, overflowY: 'auto' }}>
        {entries.map((entry, index) => {
          const isFlapping =
            entry.serialNumber !== undefined && flappingSerials.has(entry.serialNumber);
          return (
            <Box
              component="li"
              key={`${entry.t}-${index}`}
              sx={{
                display: 'flex',
                gap: 2,
                py: 0.5,
                px: 1,
                flexWrap: 'wrap',
                borderLeft: isFlapping ? 4 : 0,
                borderColor: 'warning.main',
                bgcolor: isFlapping ? 'action.selected' : undefined,
              }}
              data-flapping={isFlapping}
            >
              <span>{formatTime(entry.t)}</span>
              <StatusLabel
                kind={isFlapping ? 'warning' : entry.kind === 'arrived' ? 'ok' : 'info'}
                text={t(entry.kind === 'arrived' ? 'diagnostics.arrived' : 'diagnostics.left')}
              />
              <span>{entry.name}</span>
              <span style={{ fontFamily: 'monospace' }}>{entry.serialNumber ?? ''}</span>
              <span style={{ fontFamily: 'monospace' }}>{entry.ports.join(', ')}</span>
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}
