/** Asks before a device leaves the team, saying what unclaiming does; errors stay in the dialog. */
import { useEffect } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The device to unclaim and, when known, its journal entry (which becomes claimable again). */
export interface UnclaimTarget {
  deviceId: string;
  journalId?: string;
}

interface Props {
  target: UnclaimTarget | undefined;
  onClose: () => void;
}

export function UnclaimDialog({ target, onClose }: Props) {
  const op = useAppStore((s) => s.unclaimOp);
  const unclaim = useAppStore((s) => s.unclaim);
  const resetUnclaim = useAppStore((s) => s.resetUnclaim);
  const deviceId = target?.deviceId;
  // A failure shown for an earlier device must not greet the next one.
  useEffect(() => {
    if (deviceId !== undefined) resetUnclaim();
  }, [deviceId, resetUnclaim]);

  const isRunning = op.status === 'running';
  const confirm = async () => {
    if (target && (await unclaim(target))) onClose();
  };
  return (
    <Dialog
      open={target !== undefined}
      onClose={isRunning ? undefined : onClose}
      aria-labelledby="unclaim-title"
      aria-describedby="unclaim-body"
    >
      <DialogTitle id="unclaim-title">{t('unclaim.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} id="unclaim-body">
          <DialogContentText>{t('unclaim.intro', { uuid: deviceId ?? '' })}</DialogContentText>
          <DialogContentText component="ul" sx={{ m: 0 }}>
            <li>{t('unclaim.leavesTeam')}</li>
            <li>{t('unclaim.newToken')}</li>
            <li>{t('unclaim.dataRemoved')}</li>
          </DialogContentText>
          {isRunning && <LinearProgress aria-label={t('unclaim.running')} />}
          {op.status === 'failed' && <ErrorNotice error={op.error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus disabled={isRunning}>
          {t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={isRunning}
          onClick={() => void confirm()}
        >
          {t('unclaim.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
