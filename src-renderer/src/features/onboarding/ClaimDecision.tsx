/**
 * The one decision per board: the decoded identity, nRF Cloud's verdict, and Claim focused so
 * Enter confirms it. The key form (if no key is stored), tags and the token's actions stay
 * beside it without being steps to pass.
 */
import { useEffect } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { PrimaryButton } from '../../components/PrimaryButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CloudUrlOverrideWarning } from '../../components/CloudUrlOverrideWarning';
import { StatusLabel } from '../../components/StatusLabel';
import { ApiKeyForm } from '../claim/ApiKeyForm';
import { TagsEditor } from '../claim/TagsEditor';
import { CloudCallStatus } from '../claim/CloudCallStatus';
import { isCancelled } from '../claim/claimSlice';
import { DryRunResult } from '../claim/DryRunResult';
import { claimPrimary } from '../claim/claimActions';
import { adviceFor } from '../../lib/errorAdvice';
import { autoClaimStopOf, needsDryRunAgain } from './flowJob';
import { useFlowJob } from './useFlowJob';
import { RuleCreated, RuleMissingPanel } from './RuleMissingPanel';

export function ClaimDecision() {
  const keyStatus = useAppStore((s) => s.keyStatus);
  const { job, dryRunOp, claimOp } = useFlowJob();
  const tags = useAppStore((s) => s.tags);
  const setTags = useAppStore((s) => s.setTags);
  const dryRun = useAppStore((s) => s.dryRun);
  const ensureDryRun = useAppStore((s) => s.ensureDryRun);
  const claim = useAppStore((s) => s.claim);
  const onboardNext = useAppStore((s) => s.onboardNext);
  const refreshKeyStatus = useAppStore((s) => s.refreshKeyStatus);
  const ruleOp = useAppStore((s) => s.ruleOp);
  const ruleJobId = useAppStore((s) => s.ruleJobId);
  const createOnboardingRule = useAppStore((s) => s.createOnboardingRule);
  const isAutoClaimOn = useAppStore((s) => s.settings?.isAutoClaimOn ?? false);
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

  // "Claim without asking" stopped here: say why this board still asks.
  const autoClaimStop = isAutoClaimOn ? autoClaimStopOf(job, keyStatus) : undefined;
  // No rule covers the tags: the claim would be refused, so creating the rule comes first.
  const isRuleMissing =
    dryRunOp.status === 'done' &&
    claimOp.status === 'idle' &&
    dryRunOp.value.claimable &&
    dryRunOp.value.rules !== undefined &&
    !dryRunOp.value.rules.isCovered;
  const isRuleShown = ruleJobId !== undefined && ruleJobId === job?.id;
  const primary = isRuleMissing ? 'rule' : claimPrimary(hasApiKey, dryRunOp, claimOp);
  // The role warning says what a ROLE_CANNOT_CLAIM verdict would say again.
  const isRoleShown = hasApiKey && keyStatus?.canClaim === false;
  const button = (kind: 'dryRun' | 'claim' | 'next', label: string, onClick: () => void) =>
    primary === kind ? (
      <PrimaryButton
        key={`${kind}-primary`}
        onClick={onClick}
        startIcon={kind === 'claim' ? <CloudUploadIcon /> : undefined}
      >
        {label}
      </PrimaryButton>
    ) : (
      <Button
        key={kind}
        variant="outlined"
        onClick={onClick}
        disabled={primary === undefined && kind !== 'next'}
      >
        {label}
      </Button>
    );

  return (
    <Stack spacing={2}>
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
      <CloudCallStatus />
      {autoClaimStop !== undefined && (
        <Alert severity="info" data-testid="auto-claim-stopped">
          {t(autoClaimStop === 'role' ? 'claim.autoClaimStoppedRole' : 'claim.autoClaimStopped')}
        </Alert>
      )}
      {dryRunOp.status === 'done' &&
        claimOp.status === 'idle' &&
        !(isRoleShown && dryRunOp.value.code === 'ROLE_CANNOT_CLAIM') && (
          <DryRunResult view={dryRunOp.value} />
        )}
      {isRuleShown && ruleOp.status === 'done' && <RuleCreated rule={ruleOp.value} />}
      {isRuleMissing && (
        <RuleMissingPanel
          ruleOp={isRuleShown ? ruleOp : { status: 'idle' }}
          tags={dryRunOp.value.rules?.tags ?? tags}
          onCreate={() => void createOnboardingRule()}
        />
      )}
      {dryRunOp.status === 'failed' && !isCancelled(dryRunOp) && (
        <ErrorNotice error={dryRunOp.error} />
      )}
      {claimOp.status === 'failed' && !isCancelled(claimOp) && (
        <ErrorNotice error={claimOp.error} />
      )}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        {(primary === 'claim' || claimOp.status === 'failed') &&
          button('claim', t('claim.claim'), () => void claim())}
        {hasApiKey && button('dryRun', t('claim.dryRun'), () => void dryRun())}
        {button('next', t('claim.next'), onboardNext)}
      </Stack>
      <TagsEditor tags={tags} onChange={setTags} />
    </Stack>
  );
}
