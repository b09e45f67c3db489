/** Today's devices: what was read, claimed and connected in this session, newest first. */
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { formatTime } from '../../lib/format';
import { StatusLabel, type StatusKind } from '../../components/StatusLabel';
import { useMemo } from 'react';
import { sessionEntries, type SessionStatus } from './flowJob';

type StatusKey =
  | 'status.read'
  | 'status.claimed'
  | 'status.alreadyClaimed'
  | 'status.connected'
  | 'status.notConnected'
  | 'status.failed';
const statusView: Record<SessionStatus, { kind: StatusKind; key: StatusKey }> = {
  read: { kind: 'pending', key: 'status.read' },
  claimed: { kind: 'ok', key: 'status.claimed' },
  'already-claimed': { kind: 'info', key: 'status.alreadyClaimed' },
  connected: { kind: 'ok', key: 'status.connected' },
  'not-connected': { kind: 'warning', key: 'status.notConnected' },
  failed: { kind: 'error', key: 'status.failed' },
};

export function SessionList() {
  const jobs = useAppStore((s) => s.jobs);
  const journal = useAppStore((s) => s.journal);
  const session = useMemo(() => sessionEntries(jobs, journal), [jobs, journal]);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="session-heading"
      sx={{ p: 2, alignSelf: 'start' }}
    >
      <Typography variant="h2" id="session-heading" sx={{ mb: 1 }}>
        {t('session.heading')}
      </Typography>
      {session.length === 0 ? (
        <Typography color="text.secondary">{t('session.empty')}</Typography>
      ) : (
        <List dense disablePadding data-testid="session-list">
          {session.map((entry) => (
            <ListItem key={entry.journalId} divider disableGutters sx={{ display: 'block' }}>
              <Typography
                aria-label={`${t('session.uuid')} ${entry.deviceUuid}`}
                sx={{ fontFamily: 'monospace', fontSize: '0.85rem', wordBreak: 'break-all' }}
              >
                {entry.deviceUuid}
              </Typography>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <StatusLabel
                  kind={statusView[entry.status].kind}
                  text={t(statusView[entry.status].key)}
                />
                {entry.model && <Typography variant="body2">{entry.model}</Typography>}
                {entry.serialNumber && (
                  <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                    {t('session.serial', { serial: entry.serialNumber })}
                  </Typography>
                )}
                {entry.imei && (
                  <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                    {t('session.imei', { imei: entry.imei })}
                  </Typography>
                )}
                <Typography variant="body2" color="text.secondary">
                  {formatTime(entry.at)}
                </Typography>
              </Stack>
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
}
