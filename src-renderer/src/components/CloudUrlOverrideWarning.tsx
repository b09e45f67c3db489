/** Says plainly, wherever the key is listed or used, when a developer override sends it outside nRF Cloud. */
import Alert from '@mui/material/Alert';
import { useAppStore } from '../store/appStore';
import { t } from '../i18n/t';

export function CloudUrlOverrideWarning() {
  const origins = useAppStore((s) => s.keyStatus?.cloudUrlOverrides);
  if (origins === undefined || origins.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="cloud-url-override">
      {t('settings.urlOverride', { origins: origins.join(', ') })}
    </Alert>
  );
}
