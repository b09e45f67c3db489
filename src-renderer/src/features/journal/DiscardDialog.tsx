/** Asks before a token leaves the journal for good. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { t } from '../../i18n/t';

interface Props {
  deviceUuid: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}

export function DiscardDialog({ deviceUuid, onConfirm, onClose }: Props) {
  return (
    <Dialog open={deviceUuid !== undefined} onClose={onClose} aria-labelledby="discard-title">
      <DialogTitle id="discard-title">{t('journal.discardTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('journal.discardBody', { uuid: deviceUuid ?? '' })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={onConfirm}>
          {t('journal.discard')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
