/**
 * What main recovered from on the user's behalf: a damaged token journal, a settings file moved
 * aside, reset or left alone. Each says what was kept and where the damaged copy went, and stays
 * until dismissed.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import type { AppNotice } from '../../../../src-shared/ipc/app';
import type { ErrorCode } from '../../../../src-shared/ipc/errors';
import { CodeChip } from '../../components/CodeChip';
import { t, type MessageKey } from '../../i18n/t';
import { useAppStore } from '../../store/appStore';

function titleKey(code: ErrorCode): MessageKey {
  switch (code) {
    case 'JOURNAL_CORRUPT':
      return 'notices.journalCorrupt';
    case 'JOURNAL_UNREADABLE':
      return 'notices.journalUnreadable';
    case 'SETTINGS_CORRUPT':
      return 'notices.settingsCorrupt';
    case 'SETTINGS_UNREADABLE':
      return 'notices.settingsUnreadable';
    case 'SETTINGS_FROM_NEWER_VERSION':
      return 'notices.settingsNewer';
    case 'SETTINGS_FIELDS_RESET':
      return 'notices.settingsReset';
    default:
      return 'notices.other';
  }
}

function RecoveryNotice({ notice }: { notice: AppNotice }) {
  const dismiss = useAppStore((s) => s.dismissNotice);
  const copyToClipboard = useAppStore((s) => s.copyToClipboard);
  const title = t(titleKey(notice.code));
  return (
    <Alert
      severity={notice.level}
      data-testid="recovery-notice"
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
      action={
        <IconButton
          aria-label={t('notices.dismiss', { title })}
          color="inherit"
          size="small"
          onClick={() => void dismiss(notice.id)}
        >
          <CloseIcon fontSize="small" />
        </IconButton>
      }
    >
      <AlertTitle>
        {title}
        <CodeChip code={notice.code} />
      </AlertTitle>
      <Typography>{notice.message}</Typography>
      <Typography variant="body2" sx={{ mt: 0.5, wordBreak: 'break-all' }}>
        {t('notices.file', { path: notice.file })}
      </Typography>
      {notice.copy && (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: 'center' }}>
          <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
            {t('notices.copy', { path: notice.copy })}
          </Typography>
          <Button size="small" onClick={() => void copyToClipboard(notice.copy ?? '')}>
            {t('notices.copyPath')}
          </Button>
        </Stack>
      )}
      {notice.detail && (
        <details style={{ marginTop: 8 }}>
          <summary>{t('common.showDetail')}</summary>
          <Typography component="pre" variant="body2" sx={{ whiteSpace: 'pre-wrap', m: 0 }}>
            {notice.detail}
          </Typography>
        </details>
      )}
    </Alert>
  );
}

export function RecoveryNotices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <Stack
      component="section"
      aria-label={t('notices.label')}
      spacing={1}
      sx={{ mb: { xs: 2, md: 3 } }}
    >
      {notices.map((notice) => (
        <RecoveryNotice key={notice.id} notice={notice} />
      ))}
    </Stack>
  );
}
