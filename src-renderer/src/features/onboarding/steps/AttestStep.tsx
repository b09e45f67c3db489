/** Step 3: read the attestation token, with progress, Cancel, the decoded result and the transcript. */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import KeyIcon from '@mui/icons-material/Key';
import { useAppStore } from '../../../store/appStore';
import { t } from '../../../i18n/t';
import { StepHeading } from '../../../components/StepHeading';
import { PrimaryButton } from '../../../components/PrimaryButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TranscriptDialog } from '../../../components/TranscriptDialog';
import { AttestResultCard } from '../AttestResultCard';
import { useFlowJob } from '../useFlowJob';

export function AttestStep() {
  const op = useFlowJob().attestOp;
  const path = useAppStore((s) => s.selection?.path);
  const attest = useAppStore((s) => s.attest);
  const cancelAttest = useAppStore((s) => s.cancelAttest);
  const goToStep = useAppStore((s) => s.goToStep);
  const [isTranscriptOpen, setTranscriptOpen] = useState(false);

  const read = () => void attest();
  const readButton = (isPrimary: boolean, label = t('attest.read')) =>
    isPrimary ? (
      <PrimaryButton onClick={read} startIcon={<KeyIcon />}>
        {label}
      </PrimaryButton>
    ) : (
      <Button variant="outlined" onClick={read}>
        {label}
      </Button>
    );
  const isCancelled = op.status === 'failed' && op.error.code === 'CANCELLED';

  return (
    <Stack spacing={2}>
      <StepHeading>{t('attest.heading')}</StepHeading>
      {op.status === 'running' && (
        <Stack spacing={1} data-testid="attest-progress">
          <LinearProgress aria-label={t('attest.reading')} />
          <Typography role="status">{op.progress ?? t('attest.reading')}</Typography>
        </Stack>
      )}
      {op.status === 'done' && <AttestResultCard result={op.value} />}
      {isCancelled && <Alert severity="info">{t('attest.cancelled')}</Alert>}
      {op.status === 'failed' && !isCancelled && <ErrorNotice error={op.error} />}

      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        {op.status === 'idle' && readButton(true)}
        {op.status === 'failed' && readButton(true)}
        {op.status === 'running' && (
          <Button variant="outlined" color="warning" onClick={() => void cancelAttest()}>
            {t('common.cancel')}
          </Button>
        )}
        {op.status === 'done' && (
          <>
            <PrimaryButton onClick={() => goToStep(3)}>{t('common.continue')}</PrimaryButton>
            {readButton(false, t('attest.readAgain'))}
          </>
        )}
        {op.status !== 'idle' && op.status !== 'running' && (
          <Button variant="outlined" onClick={() => setTranscriptOpen(true)}>
            {t('attest.showTranscript')}
          </Button>
        )}
        {op.status !== 'running' && (
          <Button variant="text" onClick={() => goToStep(1)}>
            {t('common.back')}
          </Button>
        )}
      </Stack>
      <TranscriptDialog
        isOpen={isTranscriptOpen}
        onClose={() => setTranscriptOpen(false)}
        {...(path ? { path } : {})}
      />
    </Stack>
  );
}
