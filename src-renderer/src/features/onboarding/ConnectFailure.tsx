/** A board that could not be connected: the cause, the fix, and the board's other ports to try. */
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useShallow } from 'zustand/react/shallow';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { PrimaryButton } from '../../components/PrimaryButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { alternativePorts } from '../devices/selection';

/** Codes that mean "this port is not the AT port", where another port of the board may answer. */
const WRONG_PORT_CODES = new Set(['NO_ANSWER', 'GARBLED_INPUT']);

export function ConnectFailure({ error, path }: { error: AppErrorData; path: string }) {
  const explanation = useAppStore((s) => s.connectExplanation);
  const alternatives = useAppStore(useShallow((s) => alternativePorts(s.snapshot, s.selection)));
  const connect = useAppStore((s) => s.connect);
  const onboardNext = useAppStore((s) => s.onboardNext);
  const setTab = useAppStore((s) => s.setTab);
  const offersOthers = WRONG_PORT_CODES.has(error.code) && alternatives.length > 0;
  return (
    <ErrorNotice
      error={error}
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
          {offersOthers ? (
            <Button variant="outlined" onClick={() => void connect(path)}>
              {t('common.retry')}
            </Button>
          ) : (
            <PrimaryButton onClick={() => void connect(path)}>{t('common.retry')}</PrimaryButton>
          )}
          <Button variant="outlined" onClick={() => setTab('diagnostics')}>
            {t('select.openDiagnostics')}
          </Button>
          <Button variant="outlined" onClick={onboardNext}>
            {t('claim.next')}
          </Button>
        </>
      }
    />
  );
}
