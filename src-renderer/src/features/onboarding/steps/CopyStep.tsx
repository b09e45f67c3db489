/** Step 4: the whole token, selectable, with Copy and Save, and a reminder to keep it safe. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { useAppStore } from '../../../store/appStore';
import { t } from '../../../i18n/t';
import { StepHeading } from '../../../components/StepHeading';
import { PrimaryButton } from '../../../components/PrimaryButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { StatusLabel } from '../../../components/StatusLabel';
import { useFlowJob } from '../useFlowJob';

export function CopyStep() {
  const journalId = useFlowJob().job?.journalId;
  const token = useAppStore((s) => s.journal?.find((e) => e.id === journalId)?.token);
  const copiedSuffix = useAppStore((s) => s.copiedSuffix);
  const savedPath = useAppStore((s) => s.savedPath);
  const copyError = useAppStore((s) => s.copyError);
  const copyToken = useAppStore((s) => s.copyToken);
  const saveToken = useAppStore((s) => s.saveToken);
  const goToStep = useAppStore((s) => s.goToStep);
  if (token === undefined) return null;

  const copy = () => void copyToken();
  const isCopied = copiedSuffix !== undefined;
  return (
    <Stack spacing={2}>
      <StepHeading>{t('copy.heading')}</StepHeading>
      <Typography id="token-label" sx={{ fontWeight: 600 }}>
        {t('copy.tokenLabel')}
      </Typography>
      <Paper
        variant="outlined"
        component="p"
        aria-labelledby="token-label"
        data-testid="token-text"
        sx={{
          m: 0,
          p: 2,
          fontFamily: 'monospace',
          fontSize: '0.95rem',
          wordBreak: 'break-all',
          userSelect: 'text',
        }}
      >
        {token}
      </Paper>
      {isCopied && (
        <Alert severity="success" role="status" data-testid="copied">
          {t('copy.copied', { suffix: copiedSuffix })}
        </Alert>
      )}
      {savedPath && <StatusLabel kind="ok" text={t('copy.saved', { path: savedPath })} />}
      {copyError && <ErrorNotice error={copyError} />}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        {isCopied ? (
          <>
            <PrimaryButton onClick={() => goToStep(4)}>{t('common.continue')}</PrimaryButton>
            <Button variant="outlined" onClick={copy} startIcon={<ContentCopyIcon />}>
              {t('copy.copy')}
            </Button>
          </>
        ) : (
          <>
            <PrimaryButton onClick={copy} startIcon={<ContentCopyIcon />}>
              {t('copy.copy')}
            </PrimaryButton>
            <Button variant="outlined" onClick={() => goToStep(4)}>
              {t('common.continue')}
            </Button>
          </>
        )}
        <Button variant="outlined" onClick={() => void saveToken()} startIcon={<SaveAltIcon />}>
          {t('copy.save')}
        </Button>
        <Button variant="text" onClick={() => goToStep(2)}>
          {t('common.back')}
        </Button>
      </Stack>
      <Alert severity="warning" role="note">
        {t('copy.secure')}
      </Alert>
      <Alert severity="info" role="note">
        {t('copy.journal')}
      </Alert>
    </Stack>
  );
}
