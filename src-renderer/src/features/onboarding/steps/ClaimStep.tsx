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
import { idle } from '../../../store/op';
import { needsDryRunAgain } from '../flowJob';
import { useFlowJob } from '../useFlowJob';

export function ClaimStep() {
  const keyStatus = useAppStore((s) => s.keyStatus);
  const { job, dryRunOp, claimOp } = useFlowJob();
  const tags = useAppStore((s) => s.tags);
  const setTags = useAppStore((s) => s.setTags);
  const dryRun = useAppStore((s) => s.dryRun);
  const ensureDryRun = useAppStore((s) => s.ensureDryRun);
  const claim = useAppStore((s) => s.claim);
  const onboardNext = useAppStore((s) => s.onboardNext);
  const refreshKeyStatus = useAppStore((s) => s.refreshKeyStatus);
  const openExternal = useAppStore((s) => s.openExternal);
  const goToStep = useAppStore((s) => s.goToStep);
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
  const needsCheck = needsDryRunAgain(job, hasApiKey);
  useEffect(() => {
    if (needsCheck) ensureDryRun();
  }, [needsCheck, ensureDryRun]);
  // Unclaimed from here: the outcome goes, and the check is offered again.
  const isUnclaimed =
    unclaimOp.status === 'done' &&
    claimOp.status === 'done' &&
    claimOp.value.deviceId === unclaimOp.value;
  const shownClaim = isUnclaimed ? idle : claimOp;
  const shownDryRun = isUnclaimed ? idle : dryRunOp;

  const primary = claimPrimary(hasApiKey, shownDryRun, shownClaim);
  // The role warning says what a ROLE_CANNOT_CLAIM verdict would say again.
  const isRoleShown = hasApiKey && keyStatus?.canClaim === false;
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
      {isRoleShown && (
        <Alert severity="warning">{t('claim.cannotClaim', { role: keyStatus.role ?? '?' })}</Alert>
      )}
      {hasApiKey && needsNewKey && <ApiKeyForm />}
      <TagsEditor tags={tags} onChange={setTags} />
      <CloudCallStatus />
      {shownDryRun.status === 'done' &&
        shownClaim.status === 'idle' &&
        !(isRoleShown && shownDryRun.value.code === 'ROLE_CANNOT_CLAIM') && (
          <DryRunResult view={shownDryRun.value} />
        )}
      {shownDryRun.status === 'failed' && !isCancelled(shownDryRun) && (
        <ErrorNotice error={shownDryRun.error} />
      )}
      {shownClaim.status === 'failed' && !isCancelled(shownClaim) && (
        <ErrorNotice error={shownClaim.error} />
      )}
      {shownClaim.status === 'done' && (
        <ClaimOutcome
          view={shownClaim.value}
          onOpenPortal={(url) => void openExternal(url)}
          onUnclaim={() =>
            setToUnclaim(
              job?.journalId !== undefined
                ? { deviceId: shownClaim.value.deviceId, journalId: job.journalId }
                : { deviceId: shownClaim.value.deviceId },
            )
          }
        />
      )}
      {isUnclaimed && (
        <Alert severity="info" role="status" data-testid="unclaimed">
          {t('claim.unclaimed', { uuid: unclaimOp.value })}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        {hasApiKey &&
          shownClaim.status !== 'done' &&
          button('dryRun', t('claim.dryRun'), () => void dryRun())}
        {(primary === 'claim' || shownClaim.status === 'failed') &&
          button('claim', t('claim.claim'), () => void claim())}
        {button('next', t('claim.next'), onboardNext)}
        {shownClaim.status !== 'done' && (
          <Button variant="text" onClick={() => goToStep(3)}>
            {t('common.back')}
          </Button>
        )}
      </Stack>
      <UnclaimDialog target={toUnclaim} onClose={() => setToUnclaim(undefined)} />
    </Stack>
  );
}
