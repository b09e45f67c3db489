/** Everything support needs in one click: a bundle file or a summary for the ticket. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ArchiveIcon from '@mui/icons-material/Archive';
import ContentPasteIcon from '@mui/icons-material/ContentPaste';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';

export function SupportActions() {
  const op = useAppStore((s) => s.supportOp);
  const saveSupportBundle = useAppStore((s) => s.saveSupportBundle);
  const copyTicketSummary = useAppStore((s) => s.copyTicketSummary);
  const isBusy = op.status === 'running';
  return (
    <Stack spacing={2} component="section">
      <StepHeading level={3}>{t('diagnostics.supportHeading')}</StepHeading>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button
          variant="contained"
          startIcon={<ArchiveIcon />}
          disabled={isBusy}
          onClick={() => void saveSupportBundle()}
        >
          {t('diagnostics.bundle')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<ContentPasteIcon />}
          disabled={isBusy}
          onClick={() => void copyTicketSummary()}
        >
          {t('diagnostics.ticket')}
        </Button>
      </Stack>
      {op.status === 'done' && (
        <Alert severity="success" role="status">
          {op.value}
        </Alert>
      )}
      {op.status === 'failed' && <ErrorNotice error={op.error} />}
    </Stack>
  );
}
