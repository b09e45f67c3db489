/** The settings dialog: general settings, API keys, and where the app keeps its data. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
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
  const close = () => setOpen(false);
  return (
    <Dialog open={isOpen} onClose={close} fullWidth maxWidth="sm" aria-labelledby="settings-title">
      <DialogTitle id="settings-title">{t('settings.title')}</DialogTitle>
      <DialogContent dividers>
        {settings ? (
          <GeneralSettings settings={settings} />
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
        <Button onClick={close}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
