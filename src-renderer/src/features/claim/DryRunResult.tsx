/** The dry run's answer: claimable, already in your team, claimable without a rule, or why not. */
import Alert from '@mui/material/Alert';
import type { DryRunView } from '../../../../src-shared/ipc/cloud';
import { t } from '../../i18n/t';
import { CodeChip } from '../../components/CodeChip';

export function DryRunResult({ view }: { view: DryRunView }) {
  if (view.alreadyClaimedByYou) {
    return (
      <Alert severity="info" data-testid="dry-run-result">
        {t('claim.alreadyTitle')}. {t('claim.alreadyBody')}
      </Alert>
    );
  }
  if (view.claimable && view.rules !== undefined && !view.rules.isCovered) {
    const tags = view.rules.tags.map((tag) => `“${tag}”`).join(', ');
    return (
      <Alert severity="warning" data-testid="dry-run-result">
        {t('claim.ruleMissing', { tags })}
        <CodeChip code="ONBOARDING_RULE_MISSING" />
      </Alert>
    );
  }
  if (view.claimable) {
    return (
      <Alert severity="success" data-testid="dry-run-result">
        {t('claim.claimable')}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="dry-run-result">
      {t('claim.notClaimable', { reason: view.reason ?? t('claim.noReason') })}
      {view.code && <CodeChip code={view.code} />}
    </Alert>
  );
}
