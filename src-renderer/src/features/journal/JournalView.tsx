/**
 * The Journal tab: every token read, add a pasted token, claim all pending (cancellable), CSV
 * export and import, unclaim and discard behind a confirmation.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import ContentPasteIcon from '@mui/icons-material/ContentPaste';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import FileUploadIcon from '@mui/icons-material/FileUpload';
import type { JournalEntryView } from '../../../../src-shared/ipc/journal';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JournalTable } from './JournalTable';
import { DiscardDialog } from './DiscardDialog';
import { AddTokenDialog } from './AddTokenDialog';
import { PendingClaimStatus } from './PendingClaimStatus';
import { ImportErrors } from './ImportErrors';
import { UnclaimDialog, type UnclaimTarget } from '../claim/UnclaimDialog';

export function JournalView() {
  const journal = useAppStore((s) => s.journal);
  const error = useAppStore((s) => s.journalError);
  const message = useAppStore((s) => s.journalMessage);
  const importErrors = useAppStore((s) => s.importErrors);
  const pendingOp = useAppStore((s) => s.pendingOp);
  const loadJournal = useAppStore((s) => s.loadJournal);
  const claimPending = useAppStore((s) => s.claimPending);
  const exportJournal = useAppStore((s) => s.exportJournal);
  const importJournal = useAppStore((s) => s.importJournal);
  const discardEntry = useAppStore((s) => s.discardEntry);
  const [toDiscard, setToDiscard] = useState<JournalEntryView | undefined>(undefined);
  const [toUnclaim, setToUnclaim] = useState<UnclaimTarget | undefined>(undefined);
  const [isAddOpen, setAddOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadJournal();
  }, [loadJournal]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await importJournal(await file.text());
  };
  const entries = journal ?? [];
  const hasPending = entries.some(
    (e) => e.claimStatus === 'unclaimed' || e.claimStatus === 'failed',
  );
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
      <Stack spacing={2}>
        <StepHeading>{t('journal.heading')}</StepHeading>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', gap: 1 }}>
          <Button
            variant="contained"
            startIcon={<CloudUploadIcon />}
            disabled={!hasPending || pendingOp.status === 'running'}
            onClick={() => void claimPending()}
          >
            {t('journal.claimPending')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<ContentPasteIcon />}
            onClick={() => setAddOpen(true)}
          >
            {t('journal.addToken')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<FileDownloadIcon />}
            onClick={() => void exportJournal()}
          >
            {t('journal.exportCsv')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<FileUploadIcon />}
            onClick={() => fileInput.current?.click()}
          >
            {t('journal.importCsv')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            hidden
            onChange={(e) => void onFile(e)}
            data-testid="csv-input"
          />
        </Stack>
        <PendingClaimStatus />
        {message && (
          <Alert severity="info" role="status">
            {message}
          </Alert>
        )}
        <ImportErrors errors={importErrors} />
        {error && <ErrorNotice error={error} />}
        {journal && entries.length === 0 && <Typography>{t('journal.empty')}</Typography>}
        {entries.length > 0 && (
          <JournalTable
            entries={entries}
            onDiscard={setToDiscard}
            onUnclaim={(entry) => setToUnclaim({ deviceId: entry.deviceUuid, journalId: entry.id })}
          />
        )}
      </Stack>
      <DiscardDialog
        deviceUuid={toDiscard?.deviceUuid}
        onClose={() => setToDiscard(undefined)}
        onConfirm={() => {
          if (toDiscard) void discardEntry(toDiscard.id);
          setToDiscard(undefined);
        }}
      />
      <UnclaimDialog target={toUnclaim} onClose={() => setToUnclaim(undefined)} />
      <AddTokenDialog isOpen={isAddOpen} onClose={() => setAddOpen(false)} />
    </Paper>
  );
}
