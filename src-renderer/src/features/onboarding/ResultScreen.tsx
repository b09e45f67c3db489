/**
 * The end of one board, readable from across the bench: pass (claimed, already in the team,
 * connected to nRF Cloud) or fail (the cause and the fix), with the board's model, serial number,
 * IMEI and UUID tail. "Onboard next device" is focused; a new board plugged in starts by itself.
 */
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import UsbOffIcon from '@mui/icons-material/UsbOff';
import { jobModelLabel } from '../../../../src-shared/devices/index';
import type { JobView } from '../../../../src-shared/ipc/onboarding';
import type { Explanation } from '../../../../src-shared/ipc/diagnostics';
import { t } from '../../i18n/t';
import { PrimaryButton } from '../../components/PrimaryButton';
import { CodeChip } from '../../components/CodeChip';
import { uuidTail } from './flowJob';

export type ResultKind = 'pass' | 'fail' | 'lost';

const icons: Record<ResultKind, ReactNode> = {
  pass: <CheckCircleIcon color="success" sx={{ fontSize: 72 }} aria-hidden />,
  fail: <ErrorIcon color="error" sx={{ fontSize: 72 }} aria-hidden />,
  lost: <UsbOffIcon color="warning" sx={{ fontSize: 72 }} aria-hidden />,
};

function Identity({ label, value }: { label: string; value: string | undefined }) {
  if (value === undefined) return null;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography
        sx={{ fontFamily: 'monospace', fontSize: '1.6rem', fontWeight: 600 }}
        data-testid={`result-${label.toLowerCase().replace(/\s+/g, '-')}`}
      >
        {value}
      </Typography>
    </Box>
  );
}

interface Props {
  kind: ResultKind;
  job: JobView;
  heading: string;
  explanation?: Explanation | undefined;
  /** Extra lines under the heading (the claim's details, the provisioning note). */
  children?: ReactNode;
  /** Retry is offered on a failure. */
  onRetry?: () => void;
  onNext: () => void;
}

export function ResultScreen({
  kind,
  job,
  heading,
  explanation,
  children,
  onRetry,
  onNext,
}: Props) {
  const tone = kind === 'pass' ? 'success' : kind === 'lost' ? 'warning' : 'error';
  const model = jobModelLabel(job);
  return (
    <Paper
      variant="outlined"
      data-testid={`result-${kind}`}
      role={kind === 'fail' ? 'alert' : 'status'}
      sx={{ p: 3, borderWidth: 3, borderColor: `${tone}.main` }}
    >
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          {icons[kind]}
          <Typography variant="h2" component="h2" sx={{ fontSize: '2.4rem' }}>
            {heading}
          </Typography>
          {job.error && kind !== 'pass' && <CodeChip code={job.error.code} />}
        </Stack>
        {model !== undefined && (
          <Typography sx={{ fontSize: '1.3rem', fontWeight: 600 }} data-testid="result-model">
            {model}
          </Typography>
        )}
        <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 5, rowGap: 1 }}>
          <Identity label={t('flow.serial')} value={job.serialNumber} />
          <Identity label={t('flow.imei')} value={job.imei} />
          <Identity
            label={t('flow.uuidTail')}
            value={job.deviceUuid === undefined ? undefined : `…${uuidTail(job.deviceUuid)}`}
          />
        </Stack>
        {job.error && kind !== 'pass' && (
          <Typography sx={{ fontSize: '1.15rem' }}>{job.error.message}</Typography>
        )}
        {explanation && (
          <Box data-testid="result-explanation">
            <Typography sx={{ fontSize: '1.15rem' }}>
              <strong>{t('connect.cause')}:</strong> {explanation.cause}
            </Typography>
            <Typography sx={{ fontSize: '1.15rem', mt: 0.5 }}>
              <strong>{t('connect.fix')}:</strong> {explanation.fix}
            </Typography>
          </Box>
        )}
        {children}
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
          {kind === 'pass' || onRetry === undefined ? (
            <PrimaryButton onClick={onNext}>{t('claim.next')}</PrimaryButton>
          ) : (
            <>
              <PrimaryButton onClick={onRetry}>{t('common.retry')}</PrimaryButton>
              <Button variant="outlined" onClick={onNext}>
                {t('claim.next')}
              </Button>
            </>
          )}
          <Typography color="text.secondary">{t('flow.nextHint')}</Typography>
        </Stack>
      </Stack>
    </Paper>
  );
}
