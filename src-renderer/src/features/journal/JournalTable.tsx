/** The journal's entries: device, model, when, where from, claim status, Unclaim… and discard. */
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import DeleteIcon from '@mui/icons-material/Delete';
import { modelLabel } from '../../../../src-shared/devices/index';
import type { ClaimStatus, JournalEntryView } from '../../../../src-shared/ipc/journal';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/format';
import { StatusLabel, type StatusKind } from '../../components/StatusLabel';
import { CodeChip } from '../../components/CodeChip';

type StatusKey =
  | 'status.unclaimed'
  | 'status.claimed'
  | 'status.alreadyClaimed'
  | 'status.failed'
  | 'status.discarded';
const statusView: Record<ClaimStatus, { kind: StatusKind; key: StatusKey }> = {
  unclaimed: { kind: 'pending', key: 'status.unclaimed' },
  claimed: { kind: 'ok', key: 'status.claimed' },
  'already-claimed': { kind: 'info', key: 'status.alreadyClaimed' },
  failed: { kind: 'error', key: 'status.failed' },
  discarded: { kind: 'info', key: 'status.discarded' },
};

const isInTeam = (entry: JournalEntryView): boolean =>
  entry.claimStatus === 'claimed' || entry.claimStatus === 'already-claimed';

export function JournalTable({
  entries,
  onDiscard,
  onUnclaim,
}: {
  entries: readonly JournalEntryView[];
  onDiscard: (entry: JournalEntryView) => void;
  /** Asks to unclaim a device in the team (claimed, or already claimed by the team). */
  onUnclaim: (entry: JournalEntryView) => void;
}) {
  return (
    <TableContainer>
      <Table size="small" data-testid="journal-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('session.uuid')}</TableCell>
            <TableCell>{t('session.model')}</TableCell>
            <TableCell>{t('journal.readAt')}</TableCell>
            <TableCell>{t('journal.source')}</TableCell>
            <TableCell>{t('session.status')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {entry.deviceUuid}
                {(entry.serialNumber !== undefined || entry.imei !== undefined) && (
                  <Box
                    component="span"
                    sx={{ display: 'block', color: 'text.secondary', fontSize: '0.85em' }}
                    data-testid="journal-identity"
                  >
                    {[
                      entry.serialNumber && t('session.serial', { serial: entry.serialNumber }),
                      entry.imei && t('session.imei', { imei: entry.imei }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Box>
                )}
              </TableCell>
              <TableCell>{modelLabel(entry) ?? ''}</TableCell>
              <TableCell>{formatDateTime(entry.readAt)}</TableCell>
              <TableCell>{entry.source}</TableCell>
              <TableCell>
                <StatusLabel
                  kind={statusView[entry.claimStatus].kind}
                  text={t(statusView[entry.claimStatus].key)}
                />
                {entry.lastError && <CodeChip code={entry.lastError.code} />}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {isInTeam(entry) && (
                  <Button
                    size="small"
                    color="error"
                    aria-label={t('unclaim.entry', { uuid: entry.deviceUuid })}
                    onClick={() => onUnclaim(entry)}
                  >
                    {t('claim.unclaim')}
                  </Button>
                )}
                {entry.claimStatus !== 'discarded' && (
                  <IconButton
                    aria-label={t('journal.discardEntry', { uuid: entry.deviceUuid })}
                    onClick={() => onDiscard(entry)}
                  >
                    <DeleteIcon />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
