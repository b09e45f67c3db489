/** The provisioning settings (issue 13): the on/off switch and the time limit in seconds. */
import type { Ref } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { PROVISIONING_TIMEOUT_S } from '../../../../src-shared/ipc/settings';
import { t } from '../../i18n/t';

/** The time limit typed, as seconds, or the sentence that says what is wrong with it. */
export type TimeoutParse = { ok: true; seconds: number } | { ok: false; message: string };

/** Reads the time limit field: a whole number of seconds within the schema's bounds. */
export function parseTimeoutS(text: string): TimeoutParse {
  const { min, max } = PROVISIONING_TIMEOUT_S;
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: t('settings.timeoutEmpty', { min, max }) };
  if (!/^-?\d+$/.test(trimmed))
    return { ok: false, message: t('settings.timeoutNotNumber', { text: trimmed, min, max }) };
  const seconds = Number(trimmed);
  if (seconds < min || seconds > max)
    return { ok: false, message: t('settings.timeoutOutOfRange', { value: seconds, min, max }) };
  return { ok: true, seconds };
}

export function ProvisioningFields({
  isOn,
  onIsOnChange,
  timeoutText,
  timeout,
  onTimeoutTextChange,
  timeoutInputRef,
}: {
  isOn: boolean;
  onIsOnChange: (isOn: boolean) => void;
  timeoutText: string;
  /** `timeoutText` read by parseTimeoutS: its error is shown under the field. */
  timeout: TimeoutParse;
  onTimeoutTextChange: (text: string) => void;
  timeoutInputRef?: Ref<HTMLInputElement>;
}) {
  const { min, max } = PROVISIONING_TIMEOUT_S;
  return (
    <>
      <div>
        <FormControlLabel
          control={
            <Switch
              checked={isOn}
              onChange={(e) => onIsOnChange(e.target.checked)}
              slotProps={{ input: { 'aria-describedby': 'provisioning-help' } }}
            />
          }
          label={t('settings.provisioning')}
        />
        <FormHelperText id="provisioning-help" sx={{ mt: 0 }}>
          {t('settings.provisioningHelp')}
        </FormHelperText>
      </div>
      <TextField
        label={t('settings.provisioningTimeout')}
        value={timeoutText}
        onChange={(e) => onTimeoutTextChange(e.target.value)}
        error={!timeout.ok}
        helperText={
          timeout.ok ? t('settings.provisioningTimeoutHelp', { min, max }) : timeout.message
        }
        inputRef={timeoutInputRef}
        slotProps={{
          htmlInput: { inputMode: 'numeric', 'data-testid': 'provisioning-timeout' },
          formHelperText: timeout.ok ? {} : { role: 'alert' },
        }}
      />
    </>
  );
}
