/** The command line of the raw terminal: Enter sends, Up and Down walk the history. */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import SendIcon from '@mui/icons-material/Send';
import { t } from '../../i18n/t';

interface Props {
  history: readonly string[];
  isBusy: boolean;
  onSend: (command: string) => void;
}

export function TerminalInput({ history, isBusy, onSend }: Props) {
  const [command, setCommand] = useState('');
  // Index into history while browsing it; history.length means "the line being typed".
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!command.trim() || isBusy) return;
    onSend(command);
    setCommand('');
    setCursor(undefined);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (history.length === 0) return;
    event.preventDefault();
    const current = cursor ?? history.length;
    const next =
      event.key === 'ArrowUp' ? Math.max(0, current - 1) : Math.min(history.length, current + 1);
    setCursor(next);
    setCommand(next === history.length ? '' : (history[next] ?? ''));
  };
  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      onSubmit={submit}
      sx={{ alignItems: 'flex-start' }}
    >
      <TextField
        label={t('diagnostics.terminalCommand')}
        helperText={t('diagnostics.terminalHint')}
        value={command}
        onChange={(e) => setCommand(e.target.value)}
        onKeyDown={onKeyDown}
        size="small"
        sx={{ flexGrow: 1 }}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
      />
      <Button
        type="submit"
        variant="contained"
        endIcon={<SendIcon />}
        disabled={isBusy || !command.trim()}
      >
        {t('diagnostics.terminalSend')}
      </Button>
    </Stack>
  );
}
