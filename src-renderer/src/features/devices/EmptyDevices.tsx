/** What to check when no device shows up, with a way into diagnostics and the demo. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import BuildIcon from '@mui/icons-material/Build';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { PrimaryButton } from '../../components/PrimaryButton';
import { ErrorNotice } from '../../components/ErrorNotice';

export function EmptyDevices({ isDemoPrimary }: { isDemoPrimary: boolean }) {
  const demoOp = useAppStore((s) => s.demoOp);
  const startDemo = useAppStore((s) => s.startDemo);
  const setTab = useAppStore((s) => s.setTab);
  const onDemo = () => void startDemo();
  return (
    <Stack spacing={2} data-testid="empty-devices">
      <Alert severity="info">
        <AlertTitle>{t('select.emptyHeading')}</AlertTitle>
        <Typography>{t('select.emptyIntro')}</Typography>
        <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
          <li>{t('select.emptyCable')}</li>
          <li>{t('select.emptyPower')}</li>
          <li>{t('select.emptyWindows')}</li>
          <li>{t('select.emptyLinux')}</li>
        </ul>
      </Alert>
      {demoOp.status === 'running' && (
        <>
          <LinearProgress aria-label={t('select.demoStarting')} />
          <Typography>{t('select.demoStarting')}</Typography>
        </>
      )}
      {demoOp.status === 'failed' && <ErrorNotice error={demoOp.error} />}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        {isDemoPrimary ? (
          <PrimaryButton
            onClick={onDemo}
            startIcon={<PlayCircleIcon />}
            disabled={demoOp.status === 'running'}
          >
            {t('select.tryDemo')}
          </PrimaryButton>
        ) : (
          <Button
            variant="outlined"
            onClick={onDemo}
            startIcon={<PlayCircleIcon />}
            disabled={demoOp.status === 'running'}
          >
            {t('select.tryDemo')}
          </Button>
        )}
        <Button variant="outlined" onClick={() => setTab('diagnostics')} startIcon={<BuildIcon />}>
          {t('select.openDiagnostics')}
        </Button>
      </Stack>
    </Stack>
  );
}
