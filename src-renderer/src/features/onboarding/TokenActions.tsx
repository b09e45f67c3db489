/**
 * The token's secondary actions beside the decision: copy, save, show it, the AT transcript. None
 * is a step to pass; the token is in the journal already.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusLabel } from '../../components/StatusLabel';
import { TranscriptDialog } from '../../components/TranscriptDialog';

export function TokenActions({
  journalId,
  path,
}: {
  journalId?: string | undefined;
  path: string;
}) {
  const token = useAppStore((s) => s.journal?.find((e) => e.id === journalId)?.token);
  const copiedSuffix = useAppStore((s) => s.copiedSuffix);
  const savedPath = useAppStore((s) => s.savedPath);
  const copyError = useAppStore((s) => s.copyError);
  const copyToken = useAppStore((s) => s.copyToken);
  const saveToken = useAppStore((s) => s.saveToken);
  const [isTokenShown, setTokenShown] = useState(false);
  const [isTranscriptOpen, setTranscriptOpen] = useState(false);
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        {token !== undefined && (
          <>
            <Button
              variant="outlined"
              onClick={() => void copyToken()}
              startIcon={<ContentCopyIcon />}
            >
              {t('copy.copy')}
            </Button>
            <Button variant="outlined" onClick={() => void saveToken()} startIcon={<SaveAltIcon />}>
              {t('copy.save')}
            </Button>
            <Button
              variant="text"
              aria-expanded={isTokenShown}
              onClick={() => setTokenShown(!isTokenShown)}
            >
              {t('flow.showToken')}
            </Button>
          </>
        )}
        <Button variant="text" onClick={() => setTranscriptOpen(true)}>
          {t('attest.showTranscript')}
        </Button>
      </Stack>
      {isTokenShown && token !== undefined && (
        <Paper
          variant="outlined"
          component="p"
          aria-label={t('copy.tokenLabel')}
          data-testid="token-text"
          sx={{ m: 0, p: 2, fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'text' }}
        >
          {token}
        </Paper>
      )}
      {copiedSuffix !== undefined && (
        <Alert severity="success" role="status" data-testid="copied">
          {t('copy.copied', { suffix: copiedSuffix })}
        </Alert>
      )}
      {savedPath && <StatusLabel kind="ok" text={t('copy.saved', { path: savedPath })} />}
      {copyError && <ErrorNotice error={copyError} />}
      <TranscriptDialog
        isOpen={isTranscriptOpen}
        onClose={() => setTranscriptOpen(false)}
        path={path}
      />
    </Stack>
  );
}
