/** What the token says about the device: UUID, model, modem firmware, IMEI, and any warnings. */
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { jobModelLabel } from '../../../../src-shared/devices/index';
import type { ReadView } from './flowJob';
import { t } from '../../i18n/t';
import { StatusLabel } from '../../components/StatusLabel';

function Field({
  label,
  value,
  isMono = false,
}: {
  label: string;
  value: string | undefined;
  isMono?: boolean;
}) {
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
      <Typography component="dt" sx={{ fontWeight: 600, minWidth: 140 }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        sx={{ m: 0, fontFamily: isMono ? 'monospace' : undefined, wordBreak: 'break-all' }}
      >
        {value ?? t('attest.unknown')}
      </Typography>
    </Stack>
  );
}

export function AttestResultCard({ result }: { result: ReadView }) {
  const { decoded } = result;
  const model = jobModelLabel(result);
  return (
    <Card variant="outlined" data-testid="attest-result">
      <CardContent>
        <Typography variant="h3" component="h3" sx={{ mb: 1.5 }}>
          <StatusLabel kind="ok" text={t('attest.resultTitle')} />
        </Typography>
        <Stack component="dl" spacing={0.75} sx={{ m: 0 }}>
          <Field label={t('attest.uuid')} value={decoded.deviceUuid} isMono />
          <Field label={t('attest.model')} value={model} />
          <Field
            label={t('attest.firmware')}
            value={result.firmware ?? decoded.modemFirmwareUuid}
            isMono
          />
          <Field label={t('attest.imei')} value={result.imei} isMono />
        </Stack>
        {result.warnings.length > 0 && (
          <Stack spacing={1} sx={{ mt: 2 }}>
            {result.warnings.map((warning) => (
              <Alert key={warning} severity="warning">
                {warning}
              </Alert>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
