/** Lets the user type any port path (a pty, a COM port the list missed) and use it. */
import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { t } from '../../i18n/t';

export function ManualPortField({ onUse }: { onUse: (path: string) => void }) {
  const [path, setPath] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) onUse(path.trim());
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
        label={t('select.manualLabel')}
        helperText={t('select.manualHelp')}
        value={path}
        onChange={(e) => setPath(e.target.value)}
        size="small"
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'manual-port' } }}
        sx={{ flexGrow: 1, maxWidth: 420 }}
      />
      <Button type="submit" variant="outlined" disabled={!path.trim()}>
        {t('select.manualUse')}
      </Button>
    </Stack>
  );
}
