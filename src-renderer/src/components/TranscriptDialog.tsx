/** The AT transcript of one port in a dialog, with Copy. */
import { useEffect } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import { useAppStore } from '../store/appStore';
import { t } from '../i18n/t';
import { transcriptToText } from '../lib/format';
import { ErrorNotice } from './ErrorNotice';
import { TranscriptList } from './TranscriptList';

export function TranscriptDialog({
  path,
  isOpen,
  onClose,
}: {
  path?: string;
  isOpen: boolean;
  onClose: () => void;
}) {
  const op = useAppStore((s) => s.transcriptOp);
  const loadTranscript = useAppStore((s) => s.loadTranscript);
  const copyToClipboard = useAppStore((s) => s.copyToClipboard);
  useEffect(() => {
    if (isOpen) void loadTranscript(path);
  }, [isOpen, path, loadTranscript]);

  return (
    <Dialog
      open={isOpen}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="transcript-title"
    >
      <DialogTitle id="transcript-title">
        {t('attest.transcriptTitle')}
        {path ? ` · ${path}` : ''}
      </DialogTitle>
      {/* Focusable, so a long transcript scrolls from the keyboard too (WCAG 2.1.1). */}
      <DialogContent dividers tabIndex={0} role="region" aria-labelledby="transcript-title">
        {op.status === 'running' && <LinearProgress aria-label={t('common.working')} />}
        {op.status === 'failed' && <ErrorNotice error={op.error} />}
        {op.status === 'done' && <TranscriptList entries={op.value} />}
      </DialogContent>
      <DialogActions>
        <Button
          disabled={op.status !== 'done' || op.value.length === 0}
          onClick={() => op.status === 'done' && void copyToClipboard(transcriptToText(op.value))}
        >
          {t('attest.copyTranscript')}
        </Button>
        <Button variant="contained" onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
