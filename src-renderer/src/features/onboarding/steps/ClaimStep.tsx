/** Step 5: key (inline if missing), tags, dry run, claim (cancellable), outcome, then the next device. */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { useAppStore } from '../../../store/appStore';
import { t } from '../../../i18n/t';
import { StepHeading } from '../../../components/StepHeading';
import { PrimaryButton } from '../../../components/PrimaryButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { CloudUrlOverrideWarning } from '../../../components/CloudUrlOverrideWarning';
import { StatusLabel } from '../../../components/StatusLabel';
import { ApiKeyForm } from '../../claim/ApiKeyForm';
import { TagsEditor } from '../../claim/TagsEditor';
import { CloudCallStatus } from '../../claim/CloudCallStatus';
import { UnclaimDialog, type UnclaimTarget } from '../../claim/UnclaimDialog';
import { isCancelled } from '../../claim/claimSlice';
import { ClaimOutcome } from '../../claim/ClaimOutcome';
import { DryRunResult } from '../../claim/DryRunResult';
import { claimPrimary } from '../../claim/claimActions';
import { adviceFor } from '../../../lib/errorAdvice';

export function ClaimStep() {
  const keyStatus = useAppStore((s) => s.keyStatus);
  const dryRunOp = useAppStore((s) => s.dryRunOp);
  const claimOp = useAppStore((s) => s.claimOp);
  const tags = useAppStore((s) => s.tags);
  const setTags = useAppStore((s) => s.setTags);
  const dryRun = useAppStore((s) => s.dryRun);
  const ensureDryRun = useAppStore((s) => s.ensureDryRun);
  const claim = useAppStore((s) => s.claim);
  const onboardNext = useAppStore((s) => s.onboardNext);
  const refreshKeyStatus = useAppStore((s) => s.refreshKeyStatus);
  const openExternal = useAppStore((s) => s.openExternal);
  const goToStep = useAppStore((s) => s.goToStep);
  const attestOp = useAppStore((s) => s.attestOp);
  const unclaimOp = useAppStore((s) => s.unclaimOp);
  const [toUnclaim, setToUnclaim] = useState<UnclaimTarget | undefined>(undefined);
  const hasApiKey = keyStatus?.hasApiKey ?? false;
  const failure =
    claimOp.status === 'failed' && !isCancelled(claimOp)
      ? claimOp.error
      : dryRunOp.status === 'failed' && !isCancelled(dryRunOp)
        ? dryRunOp.error
        : undefined;
  // A key nRF Cloud stopped accepting is fixed here, not in the settings dialog.
  const needsNewKey = failure !== undefined && adviceFor(failure.code).area === 'key';

  useEffect(() => {
    void refreshKeyStatus();
  }, [refreshKeyStatus]);
  // The dry run costs one request and answers the question the user has: ask it straight away.
  useEffect(() => {
    if (hasApiKey) ensureDryRun();
  }, [hasApiKey, ensureDryRun]);

  const primary = claimPrimary(hasApiKey, dryRunOp, claimOp);
  const button = (kind: Exclude<typeof primary, undefined>, label: string, onClick: () => void) =>
    primary === kind ? (
      <PrimaryButton
        onClick={onClick}
        startIcon={kind === 'claim' ? <CloudUploadIcon /> : undefined}
      >
        {label}
      </PrimaryButton>
    ) : (
      <Button
        variant="outlined"
        onClick={onClick}
        disabled={primary === undefined && kind !== 'next'}
      >
        {label}
      </Button>
    );

  return (
    <Stack spacing={2}>
      <StepHeading>{t('claim.heading')}</StepHeading>
      <CloudUrlOverrideWarning />
      {keyStatus && !hasApiKey && (
        <Stack spacing={1}>
          <Typography variant="h3" component="h3">
            {t('claim.keyHeading')}
          </Typography>
          <ApiKeyForm isAutoFocused />
        </Stack>
      )}
      {hasApiKey && keyStatus && (
        <StatusLabel
          kind="ok"
          text={t('claim.team', { team: keyStatus.teamName ?? '?', role: keyStatus.role ?? '?' })}
        />
      )}
      {hasApiKey && keyStatus?.canClaim === false && (
        <Alert severity="warning">{t('claim.cannotClaim', { role: keyStatus.role ?? '?' })}</Alert>
      )}
      {hasApiKey && needsNewKey && <ApiKeyForm />}
      <TagsEditor tags={tags} onChange={setTags} />
      <CloudCallStatus />
      {dryRunOp.status === 'done' && claimOp.status === 'idle' && (
        <DryRunResult view={dryRunOp.value} />
      )}
      {dryRunOp.status === 'failed' && !isCancelled(dryRunOp) && (
        <ErrorNotice error={dryRunOp.error} />
      )}
      {claimOp.status === 'failed' && !isCancelled(claimOp) && (
        <ErrorNotice error={claimOp.error} />
      )}
      {claimOp.status === 'done' && (
        <ClaimOutcome
          view={claimOp.value}
          onOpenPortal={(url) => void openExternal(url)}
          onUnclaim={() =>
            setToUnclaim(
              attestOp.status === 'done'
                ? { deviceId: claimOp.value.deviceId, journalId: attestOp.value.journalId }
                : { deviceId: claimOp.value.deviceId },
            )
          }
        />
      )}
      {unclaimOp.status === 'done' &&
        claimOp.status === 'idle' &&
        attestOp.status === 'done' &&
        attestOp.value.decoded.deviceUuid === unclaimOp.value && (
          <Alert severity="info" role="status" data-testid="unclaimed">
            {t('claim.unclaimed', { uuid: unclaimOp.value })}
          </Alert>
        )}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        {hasApiKey &&
          claimOp.status !== 'done' &&
          button('dryRun', t('claim.dryRun'), () => void dryRun())}
        {(primary === 'claim' || claimOp.status === 'failed') &&
          button('claim', t('claim.claim'), () => void claim())}
        {button('next', t('claim.next'), onboardNext)}
        {claimOp.status !== 'done' && (
          <Button variant="text" onClick={() => goToStep(3)}>
            {t('common.back')}
          </Button>
        )}
      </Stack>
      <UnclaimDialog target={toUnclaim} onClose={() => setToUnclaim(undefined)} />
    </Stack>
  );
}
