/**
 * Demo mode says what it is, and leads out: back to the real ports, with the demo's journal
 * deleted unless the user keeps it (it never mixes with the real journal).
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';

export function DemoBanner() {
  const isDemo = useAppStore((s) => s.appInfo?.isDemo ?? false);
  const demoOp = useAppStore((s) => s.demoOp);
  const leaveDemo = useAppStore((s) => s.leaveDemo);
  if (!isDemo) return null;
  const isBusy = demoOp.status === 'running';
  return (
    <Alert severity="info" data-testid="demo-banner" sx={{ mb: 2 }}>
      <AlertTitle>{t('demo.title')}</AlertTitle>
      {t('demo.body')}
      <Stack direction="row" sx={{ mt: 1, flexWrap: 'wrap', gap: 1 }}>
        <Button variant="outlined" onClick={() => void leaveDemo(false)} disabled={isBusy}>
          {t('demo.leave')}
        </Button>
        <Button variant="text" onClick={() => void leaveDemo(true)} disabled={isBusy}>
          {t('demo.leaveKeep')}
        </Button>
      </Stack>
    </Alert>
  );
}
