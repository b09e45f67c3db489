/** The Onboard tab: a five-step stepper, the current step, and today's session list beside it. */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { assertNever } from '../../../../src-shared/ipc/errors';
import { LiveRegion } from '../../components/LiveRegion';
import { stepIds, type StepIndex } from './onboardingSlice';
import { SessionList } from './SessionList';
import { SelectDeviceStep } from './steps/SelectDeviceStep';
import { ConnectStep } from './steps/ConnectStep';
import { AttestStep } from './steps/AttestStep';
import { CopyStep } from './steps/CopyStep';
import { ClaimStep } from './steps/ClaimStep';

const stepNames = [
  'steps.select',
  'steps.connect',
  'steps.attest',
  'steps.copy',
  'steps.claim',
] as const;

function CurrentStep({ step }: { step: StepIndex }) {
  switch (step) {
    case 0:
      return <SelectDeviceStep />;
    case 1:
      return <ConnectStep />;
    case 2:
      return <AttestStep />;
    case 3:
      return <CopyStep />;
    case 4:
      return <ClaimStep />;
    default:
      return assertNever(step);
  }
}

export function OnboardView() {
  const step = useAppStore((s) => s.step);
  const announcement = t('steps.announce', {
    n: step + 1,
    total: stepIds.length,
    name: t(stepNames[step]),
  });
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 3,
        // Today's devices beside the step from 900 px, so a 1024 px window keeps it in view.
        gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(280px, 1fr)' },
      }}
    >
      <Box sx={{ minWidth: 0 }}>
        <Stepper activeStep={step} alternativeLabel sx={{ mb: 3 }} aria-label={t('app.tabOnboard')}>
          {stepNames.map((key) => (
            <Step key={key}>
              <StepLabel>{t(key)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <LiveRegion message={announcement} testId="step-announcer" />
        <Paper
          variant="outlined"
          sx={{ p: { xs: 2, md: 3 } }}
          data-testid={`step-${stepIds[step]}`}
        >
          <CurrentStep key={step} step={step} />
        </Paper>
      </Box>
      <SessionList />
    </Box>
  );
}
