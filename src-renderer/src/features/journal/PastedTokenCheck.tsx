/** What the pasted text decodes to: the device it names, or exactly what is wrong with it. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { DecodedToken } from '../../../../src-shared/token/decode';
import { isTokenErrorCode, tokenErrorInPlainWords } from '../../../../src-shared/token/plainWords';
import type { Op } from '../../store/op';
import { t } from '../../i18n/t';
import { CodeChip } from '../../components/CodeChip';

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Typography>
      <strong>{label}:</strong> <span style={{ fontFamily: 'monospace' }}>{value}</span>
    </Typography>
  );
}

export function PastedTokenCheck({ op }: { op: Op<DecodedToken> }) {
  // role="status" rather than "alert": the verdict changes as the user types.
  switch (op.status) {
    case 'idle':
      return null;
    case 'running':
      return <Typography color="text.secondary">{t('journal.addChecking')}</Typography>;
    case 'done':
      return (
        <Alert severity="success" role="status" data-testid="paste-check">
          <AlertTitle>{t('journal.addValid')}</AlertTitle>
          <Field label={t('attest.uuid')} value={op.value.deviceUuid} />
          <Field
            label={t('journal.deviceType')}
            value={`${op.value.deviceTypeName} (${op.value.deviceType})`}
          />
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="error" role="status" data-testid="paste-check">
          <AlertTitle>
            {t('journal.addInvalid')}
            <CodeChip code={op.error.code} />
          </AlertTitle>
          {isTokenErrorCode(op.error.code) && (
            <Typography>{tokenErrorInPlainWords(op.error.code)}</Typography>
          )}
          {/* The decoder's exact finding (part, character, position) for whoever checks it. */}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {op.error.message}
          </Typography>
        </Alert>
      );
  }
}
