/** The claim's result: device id, type, status, time, a link to the device in nRF Cloud, Unclaim. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { modelLabel } from '../../../../src-shared/devices/index';
import type { ClaimView } from '../../../../src-shared/ipc/cloud';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/format';

function Row({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <Typography>
      <strong>{label}:</strong> <span style={{ fontFamily: 'monospace' }}>{value}</span>
    </Typography>
  );
}

export function ClaimOutcome({
  view,
  onOpenPortal,
  onUnclaim,
}: {
  view: ClaimView;
  onOpenPortal: (url: string) => void;
  /** Offered when given: opens the confirmation, never unclaims at once. */
  onUnclaim?: () => void;
}) {
  const isAlready = view.alreadyClaimedByYou;
  return (
    <Alert severity={isAlready ? 'info' : 'success'} data-testid="claim-outcome">
      <AlertTitle>{isAlready ? t('claim.alreadyTitle') : t('claim.claimedTitle')}</AlertTitle>
      <Stack spacing={0.5}>
        {isAlready && <Typography>{t('claim.alreadyBody')}</Typography>}
        <Row label={t('claim.deviceId')} value={view.deviceId} />
        {/* nRF Cloud's nrf9151_LACA, spelled as everywhere else. */}
        <Row label={t('claim.type')} value={modelLabel({ model: view.deviceType })} />
        <Row label={t('claim.status')} value={view.status} />
        <Row
          label={t('claim.claimedAt')}
          value={view.claimedAt ? formatDateTime(view.claimedAt) : undefined}
        />
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
          <Button
            variant="outlined"
            endIcon={<OpenInNewIcon />}
            onClick={() => onOpenPortal(view.portalUrl)}
          >
            {t('claim.openPortal')}
          </Button>
          {onUnclaim && (
            <Button variant="text" color="error" onClick={onUnclaim}>
              {t('claim.unclaim')}
            </Button>
          )}
        </Stack>
      </Stack>
    </Alert>
  );
}
