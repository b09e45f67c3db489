/** Step 2: open the port and learn the firmware mode; on failure, the cause, the fix and other ports. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../../store/appStore';
import { t } from '../../../i18n/t';
import { StepHeading } from '../../../components/StepHeading';
import { PrimaryButton } from '../../../components/PrimaryButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { alternativePorts } from '../../devices/selection';
import { useFlowJob } from '../useFlowJob';

/** Codes that mean "this port is not the AT port", where another port of the board may answer. */
const WRONG_PORT_CODES = new Set(['NO_ANSWER', 'GARBLED_INPUT']);

export function ConnectStep() {
  const op = useFlowJob().connectOp;
  const explanation = useAppStore((s) => s.connectExplanation);
  const path = useAppStore((s) => s.selection?.path);
  const alternatives = useAppStore(useShallow((s) => alternativePorts(s.snapshot, s.selection)));
  const connect = useAppStore((s) => s.connect);
  const goToStep = useAppStore((s) => s.goToStep);
  const setTab = useAppStore((s) => s.setTab);

  const back = (
    <Button variant="text" onClick={() => goToStep(0)}>
      {t('common.back')}
    </Button>
  );
  if (!path) {
    return (
      <Stack spacing={2}>
        <StepHeading>{t('connect.heading')}</StepHeading>
        <Alert severity="info">{t('connect.noPort')}</Alert>
        {back}
      </Stack>
    );
  }
  const offersOthers =
    op.status === 'failed' && WRONG_PORT_CODES.has(op.error.code) && alternatives.length > 0;
  return (
    <Stack spacing={2}>
      <StepHeading>{t('connect.heading')}</StepHeading>
      {op.status === 'running' && (
        <>
          <LinearProgress aria-label={t('connect.connecting', { path })} />
          <Typography>{t('connect.connecting', { path })}</Typography>
        </>
      )}
      {op.status === 'done' && (
        <>
          <Alert severity="success" data-testid="connect-success">
            <AlertTitle>{t('connect.connected', { path: op.value.path })}</AlertTitle>
            <strong>{t('connect.mode')}:</strong> {op.value.modeDescription}
          </Alert>
          <Stack direction="row" spacing={2}>
            <PrimaryButton onClick={() => goToStep(2)}>{t('common.continue')}</PrimaryButton>
            {back}
          </Stack>
        </>
      )}
      {op.status === 'failed' && (
        <ErrorNotice
          error={op.error}
          title={t('connect.failedTitle', { path })}
          explanation={explanation}
          actions={
            <>
              {offersOthers && (
                <Typography sx={{ width: '100%' }}>{t('connect.tryOtherHint')}</Typography>
              )}
              {offersOthers &&
                alternatives.map((other, index) =>
                  index === 0 ? (
                    <PrimaryButton key={other} onClick={() => void connect(other)}>
                      {t('connect.tryOther', { path: other })}
                    </PrimaryButton>
                  ) : (
                    <Button key={other} variant="outlined" onClick={() => void connect(other)}>
                      {t('connect.tryOther', { path: other })}
                    </Button>
                  ),
                )}
              <Button variant="outlined" onClick={() => setTab('diagnostics')}>
                {t('select.openDiagnostics')}
              </Button>
              {offersOthers ? (
                <Button variant="outlined" onClick={() => void connect()}>
                  {t('common.retry')}
                </Button>
              ) : (
                <PrimaryButton onClick={() => void connect()}>{t('common.retry')}</PrimaryButton>
              )}
            </>
          }
        />
      )}
      {op.status === 'idle' && (
        <Stack direction="row" spacing={2}>
          <PrimaryButton onClick={() => void connect()}>{t('connect.connect')}</PrimaryButton>
        </Stack>
      )}
      {op.status !== 'done' && back}
    </Stack>
  );
}
