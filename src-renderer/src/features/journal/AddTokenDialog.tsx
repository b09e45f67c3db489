/** Paste a token (bare, quoted, an AT reply or a log excerpt), see what it decodes to, add it. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PastedTokenCheck } from './PastedTokenCheck';

interface Props {
  isOpen: boolean;
  onClose: () => void;
}

// Mounted only while the dialog is open, so every opening starts from an empty field.
function AddTokenForm({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const check = useAppStore((s) => s.pasteCheckOp);
  const addOp = useAppStore((s) => s.addTokenOp);
  const checkPastedToken = useAppStore((s) => s.checkPastedToken);
  const addPastedToken = useAppStore((s) => s.addPastedToken);
  const resetPaste = useAppStore((s) => s.resetPaste);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => resetPaste(), [resetPaste]);
  // An effect rather than autoFocus: the dialog's focus trap would take focus back to itself.
  useEffect(() => field.current?.focus(), []);

  const onChange = (value: string) => {
    setText(value);
    void checkPastedToken(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // On failure the dialog stays open with the text as pasted, so nothing is lost.
    if (await addPastedToken(text)) onClose();
  };
  const canAdd = check.status === 'done' && addOp.status !== 'running';
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="add-token-form">
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>{t('journal.addIntro')}</DialogContentText>
          <TextField
            label={t('journal.addLabel')}
            value={text}
            onChange={(e) => onChange(e.target.value)}
            multiline
            minRows={4}
            maxRows={12}
            inputRef={field}
            fullWidth
            error={check.status === 'failed'}
            slotProps={{
              htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } },
            }}
          />
          <PastedTokenCheck op={check} />
          {addOp.status === 'failed' && <ErrorNotice error={addOp.error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={!canAdd}>
          {t('journal.addConfirm')}
        </Button>
      </DialogActions>
    </form>
  );
}

export function AddTokenDialog({ isOpen, onClose }: Props) {
  return (
    <Dialog
      open={isOpen}
      onClose={onClose}
      aria-labelledby="add-token-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="add-token-title">{t('journal.addTitle')}</DialogTitle>
      {isOpen && <AddTokenForm onClose={onClose} />}
    </Dialog>
  );
}
