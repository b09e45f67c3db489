/** Paste an nRF Cloud API key; shape and rejection errors are said plainly. */
import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';
import { WeakKeyStoreWarning } from '../../components/WeakKeyStoreWarning';

export function ApiKeyForm({ isAutoFocused = false }: { isAutoFocused?: boolean }) {
  const [key, setKey] = useState('');
  const op = useAppStore((s) => s.keyOp);
  const addApiKey = useAppStore((s) => s.addApiKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await addApiKey(key)) setKey('');
  };

  // Main's message names the actual problem (too short, per-team keys, the 60-minute grace after
  // a regeneration): it is the whole notice, said once, with the code beside it.
  const error = op.status === 'failed' ? op.error : undefined;
  return (
    <Stack
      component="form"
      spacing={1.5}
      onSubmit={(e) => void submit(e)}
      data-testid="api-key-form"
    >
      <Typography>{t('claim.keyIntro')}</Typography>
      <WeakKeyStoreWarning />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={t('claim.keyLabel')}
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoFocus={isAutoFocused}
          autoComplete="off"
          error={error !== undefined}
          sx={{ flexGrow: 1, maxWidth: 520 }}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <Button type="submit" variant="contained" disabled={!key.trim() || op.status === 'running'}>
          {t('claim.keySave')}
        </Button>
      </Stack>
      {op.status === 'running' && (
        <>
          <LinearProgress aria-label={t('claim.keyChecking')} />
          <Typography>{t('claim.keyChecking')}</Typography>
        </>
      )}
      {error && <ErrorNotice error={error} />}
    </Stack>
  );
}
