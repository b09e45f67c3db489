/** Says plainly, wherever a key is entered or listed, when the OS offers no real key store. */
import Alert from '@mui/material/Alert';
import { useAppStore } from '../store/appStore';
import { t } from '../i18n/t';

export function WeakKeyStoreWarning() {
  const isWeak = useAppStore((s) => s.keyStatus?.isEncryptionWeak === true);
  const backend = useAppStore((s) => s.keyStatus?.encryptionBackend ?? '');
  if (!isWeak) return null;
  return (
    <Alert severity="warning" data-testid="weak-encryption">
      {t('settings.weak', { backend })}
    </Alert>
  );
}
