/**
 * No active rule covers the claim tags (ONBOARDING_RULE_MISSING, docs/protocol.md §5): the flow
 * offers to create the "nRF Cloud Onboarding" rule instead of the claim, and says what was made.
 */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { OnboardingRuleView } from '../../../../src-shared/ipc/cloud';
import { t } from '../../i18n/t';
import type { Op } from '../../store/op';
import { PrimaryButton } from '../../components/PrimaryButton';
import { ErrorNotice } from '../../components/ErrorNotice';

const quoted = (items: readonly string[]): string => items.map((i) => `“${i}”`).join(', ');

/** What creating the rule did: the rule's name, tags and command types. */
export function RuleCreated({ rule }: { rule: OnboardingRuleView }) {
  const values = {
    name: rule.name,
    tags: quoted(rule.tags),
    commands: rule.commandTypes.join(', '),
  };
  return (
    <Alert severity="success" role="status" data-testid="rule-created">
      {rule.wasCreated ? t('claim.ruleCreated', values) : t('claim.ruleExisted', values)}
    </Alert>
  );
}

interface Props {
  ruleOp: Op<OnboardingRuleView>;
  /** The claim tags: the rule covers only its own tag. */
  tags: readonly string[];
  onCreate: () => void;
}

export function RuleMissingPanel({ ruleOp, tags, onCreate }: Props) {
  return (
    <Stack spacing={1} data-testid="rule-missing">
      <Typography>{t('claim.ruleCreateIntro')}</Typography>
      {!tags.includes('nrf-cloud-onboarding') && (
        <Typography>{t('claim.ruleOtherTags')}</Typography>
      )}
      {ruleOp.status === 'running' && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <LinearProgress sx={{ width: 120 }} aria-label={t('claim.ruleCreating')} />
          <Typography role="status">{t('claim.ruleCreating')}</Typography>
        </Stack>
      )}
      {ruleOp.status === 'failed' && <ErrorNotice error={ruleOp.error} />}
      <Stack direction="row">
        <PrimaryButton onClick={onCreate} disabled={ruleOp.status === 'running'}>
          {t('claim.ruleCreate')}
        </PrimaryButton>
      </Stack>
    </Stack>
  );
}
