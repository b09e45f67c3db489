/** The settings dialog: general settings, API keys, and where the app keeps its data. */
import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { GeneralSettings } from './GeneralSettings';
import { ApiKeysSection } from './ApiKeysSection';

export function SettingsDialog() {
  const isOpen = useAppStore((s) => s.isSettingsOpen);
  const setOpen = useAppStore((s) => s.setSettingsOpen);
  const settings = useAppStore((s) => s.settings);
  const appInfo = useAppStore((s) => s.appInfo);
  const [isDirty, setDirty] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const close = () => {
    setConfirming(false);
    setDirty(false);
    setOpen(false);
  };
  // Edits apply on Save settings; closing with edits not saved asks first, so none is lost unseen.
  const requestClose = () => (isDirty ? setConfirming(true) : close());
  return (
    <Dialog
      open={isOpen}
      onClose={requestClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="settings-title"
    >
      <DialogTitle id="settings-title">{t('settings.title')}</DialogTitle>
      <DialogContent dividers>
        {settings ? (
          <GeneralSettings settings={settings} onDirtyChange={setDirty} />
        ) : (
          <LinearProgress aria-label={t('common.working')} />
        )}
        <Divider sx={{ my: 3 }} />
        <ApiKeysSection />
        {appInfo && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 3, wordBreak: 'break-all' }}>
            {t('settings.about', {
              version: appInfo.version,
              platform: appInfo.platform,
              dataDir: appInfo.dataDir,
            })}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose}>{t('common.close')}</Button>
      </DialogActions>
      <Dialog
        open={isConfirming}
        onClose={() => setConfirming(false)}
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-body"
      >
        <DialogTitle id="unsaved-title">{t('settings.unsavedTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText id="unsaved-body">{t('settings.unsavedBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            {t('settings.keepEditing')}
          </Button>
          <Button color="error" onClick={close}>
            {t('settings.discardChanges')}
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
}
