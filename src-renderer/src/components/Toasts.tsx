/** Short confirmations and main's notices, one at a time, each dismissible. */
import Alert from '@mui/material/Alert';
import IconButton from '@mui/material/IconButton';
import Snackbar from '@mui/material/Snackbar';
import CloseIcon from '@mui/icons-material/Close';
import { useAppStore } from '../store/appStore';
import { t } from '../i18n/t';

export function Toasts() {
  const toast = useAppStore((s) => s.toasts[0]);
  const dismissToast = useAppStore((s) => s.dismissToast);
  if (!toast) return null;
  const close = () => dismissToast(toast.id);
  return (
    <Snackbar
      key={toast.id}
      open
      autoHideDuration={toast.level === 'error' ? null : 4000}
      onClose={(_event, reason) => reason !== 'clickaway' && close()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity={toast.level}
        variant="filled"
        action={
          <IconButton aria-label={t('app.dismiss')} color="inherit" size="small" onClick={close}>
            <CloseIcon fontSize="small" />
          </IconButton>
        }
      >
        {toast.message}
      </Alert>
    </Snackbar>
  );
}
