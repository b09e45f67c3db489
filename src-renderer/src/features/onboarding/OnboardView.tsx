/**
 * The Onboard tab: the stepper (drawn from the flow's job), the board list until a board is
 * chosen, then that board's one screen; today's devices beside it.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import SkippedIcon from '@mui/icons-material/DoNotDisturbOnOutlined';
import { t } from '../../i18n/t';
import { LiveRegion } from '../../components/LiveRegion';
import { DemoBanner } from '../devices/DemoBanner';
import { SessionList } from './SessionList';
import { SelectDeviceStep } from './SelectDeviceStep';
import { BoardFlow } from './BoardFlow';
import { flowStageOf, flowSteps, stepperOf, type ProvisionSkip } from './flowJob';
import { useFlowJob } from './useFlowJob';

const stepNames = {
  select: 'steps.select',
  connect: 'steps.connect',
  attest: 'steps.attest',
  claim: 'steps.claim',
  provision: 'steps.provision',
} as const;

const skipReasons: Record<ProvisionSkip, Parameters<typeof t>[0]> = {
  'at-host': 'steps.skipAtHost',
  unsupported: 'steps.skipUnsupported',
  'turned-off': 'steps.skipTurnedOff',
  'not-claimed': 'steps.skipNotClaimed',
  'not-provisioned': 'steps.skipNotProvisioned',
  'not-run': 'steps.skipNotRun',
};

export function OnboardView() {
  const { job } = useFlowJob();
  const { active, failed, skipped } = stepperOf(job);
  const current = flowSteps[active];
  const announcement =
    current === undefined
      ? t('steps.allDone', { result: job?.state ?? '' })
      : t('steps.announce', {
          n: active + 1,
          total: flowSteps.length,
          name: t(stepNames[current]),
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
        <Stepper
          activeStep={active}
          alternativeLabel
          sx={{ mb: 3 }}
          aria-label={t('app.tabOnboard')}
        >
          {flowSteps.map((step, index) => {
            const isSkipped = index === skipped?.index;
            return (
              <Step key={step} completed={index < active && index !== failed && !isSkipped}>
                <StepLabel
                  error={index === failed}
                  data-testid={`step-${step}`}
                  {...(isSkipped
                    ? {
                        icon: <SkippedIcon color="action" aria-hidden />,
                        optional: (
                          <Typography variant="caption" color="text.secondary">
                            {t('steps.skipped', { reason: t(skipReasons[skipped.reason]) })}
                          </Typography>
                        ),
                      }
                    : {})}
                >
                  {t(stepNames[step])}
                </StepLabel>
              </Step>
            );
          })}
        </Stepper>
        <LiveRegion message={announcement} testId="step-announcer" />
        <DemoBanner />
        <Paper
          variant="outlined"
          sx={{ p: { xs: 2, md: 3 } }}
          data-testid={job === undefined ? 'step-select' : `flow-${flowStageOf(job)}`}
        >
          {job === undefined ? <SelectDeviceStep /> : <BoardFlow key={job.id} job={job} />}
        </Paper>
      </Box>
      <SessionList />
    </Box>
  );
}
