/**
 * Theme, serial line settings, default claim tags, claiming without asking, provisioning after the
 * claim and its time limit, nRF Cloud base URLs.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import type { PublicSettings } from '../../../../src-shared/ipc/settings';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TagsEditor } from '../claim/TagsEditor';
import { parseTimeoutS, ProvisioningFields } from './ProvisioningFields';

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000];
const urlFields = ['apiBaseUrl', 'provisioningBaseUrl', 'portalBaseUrl'] as const;

/** True when the form holds a change not yet saved. */
export function hasUnsavedChanges(draft: PublicSettings, saved: PublicSettings): boolean {
  return (Object.keys(draft) as Array<keyof PublicSettings>).some(
    (key) => JSON.stringify(draft[key]) !== JSON.stringify(saved[key]),
  );
}

export function GeneralSettings({
  settings,
  onDirtyChange,
}: {
  settings: PublicSettings;
  /** Told whether the form holds unsaved changes, so Close can warn before they are lost. */
  onDirtyChange?: (isDirty: boolean) => void;
}) {
  const [draft, setDraft] = useState<PublicSettings>(settings);
  // The time limit as typed: it may be empty or wrong for a while, and is saved only once valid.
  const [timeoutText, setTimeoutText] = useState(String(settings.provisioningTimeoutS));
  const timeoutRef = useRef<HTMLInputElement>(null);
  const timeout = parseTimeoutS(timeoutText);
  const isDirty = hasUnsavedChanges(draft, settings) || !timeout.ok;
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const pushToast = useAppStore((s) => s.pushToast);
  const error = useAppStore((s) => s.settingsError);
  const patch = (part: Partial<PublicSettings>) => setDraft((d) => ({ ...d, ...part }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!timeout.ok) {
      timeoutRef.current?.focus();
      return;
    }
    if (await updateSettings(draft)) pushToast('success', t('settings.saved'));
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} sx={{ pt: 1 }}>
      <TextField
        select
        label={t('settings.theme')}
        value={draft.theme}
        onChange={(e) => patch({ theme: e.target.value as PublicSettings['theme'] })}
      >
        <MenuItem value="system">{t('settings.themeSystem')}</MenuItem>
        <MenuItem value="light">{t('settings.themeLight')}</MenuItem>
        <MenuItem value="dark">{t('settings.themeDark')}</MenuItem>
      </TextField>
      <TextField
        select
        label={t('settings.baudRate')}
        value={draft.baudRate}
        onChange={(e) => patch({ baudRate: Number(e.target.value) })}
      >
        {[...new Set([...BAUD_RATES, draft.baudRate])].map((rate) => (
          <MenuItem key={rate} value={rate}>
            {rate}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Switch checked={draft.rtscts} onChange={(e) => patch({ rtscts: e.target.checked })} />
        }
        label={t('settings.rtscts')}
      />
      <TagsEditor
        tags={draft.claimTags}
        onChange={(claimTags) => patch({ claimTags })}
        label={t('settings.claimTags')}
      />
      <div>
        <FormControlLabel
          control={
            <Switch
              checked={draft.isAutoClaimOn}
              onChange={(e) => patch({ isAutoClaimOn: e.target.checked })}
              slotProps={{ input: { 'aria-describedby': 'auto-claim-help' } }}
            />
          }
          label={t('settings.autoClaim')}
        />
        <FormHelperText id="auto-claim-help" sx={{ mt: 0 }}>
          {t('settings.autoClaimHelp')}
        </FormHelperText>
      </div>
      <ProvisioningFields
        isOn={draft.isProvisioningOn}
        onIsOnChange={(isProvisioningOn) => patch({ isProvisioningOn })}
        timeoutText={timeoutText}
        timeout={timeout}
        onTimeoutTextChange={(text) => {
          setTimeoutText(text);
          const parsed = parseTimeoutS(text);
          if (parsed.ok) patch({ provisioningTimeoutS: parsed.seconds });
        }}
        timeoutInputRef={timeoutRef}
      />
      {urlFields.map((field) => (
        <TextField
          key={field}
          label={t(`settings.${field}`)}
          value={draft[field]}
          type="url"
          onChange={(e) => patch({ [field]: e.target.value })}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
      ))}
      {error && <ErrorNotice error={error} />}
      <div>
        <Button type="submit" variant="contained">
          {t('settings.saveSettings')}
        </Button>
      </div>
    </Stack>
  );
}
