/**
 * One board from plugged to claimed, as one screen that follows its job: it connects, reads and
 * checks by itself, waits for the one decision (Claim), then ends on a pass or fail screen.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { jobModelLabel } from '../../../../src-shared/devices/index';
import type { JobView } from '../../../../src-shared/ipc/onboarding';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { StatusLabel } from '../../components/StatusLabel';
import { PrimaryButton } from '../../components/PrimaryButton';
import { adviceFor } from '../../lib/errorAdvice';
import { ApiKeyForm } from '../claim/ApiKeyForm';
import { ClaimOutcome } from '../claim/ClaimOutcome';
import { DryRunResult } from '../claim/DryRunResult';
import { UnclaimDialog, type UnclaimTarget } from '../claim/UnclaimDialog';
import { AttestResultCard } from './AttestResultCard';
import { ClaimDecision } from './ClaimDecision';
import { ConnectFailure } from './ConnectFailure';
import { ResultScreen } from './ResultScreen';
import { TokenActions } from './TokenActions';
import { ProvisioningTimeline } from './ProvisioningTimeline';
import { connectOpOf, dryRunOpOf, flowStageOf, readOpOf, type FlowStage } from './flowJob';

function boardLine(job: JobView): string {
  const kit = jobModelLabel(job) ?? t('flow.unknownKit');
  return job.serialNumber === undefined
    ? t('flow.boardNoSerial', { kit, path: job.port })
    : t('flow.board', { kit, serial: job.serialNumber });
}

/** What the job did so far, one line per step, while it works by itself. */
function Progress({ job }: { job: JobView }) {
  const connect = connectOpOf(job);
  const isRead = job.journalId !== undefined;
  return (
    <Stack spacing={1} data-testid="flow-progress">
      {connect.status === 'running' ? (
        <StatusLabel kind="pending" text={t('flow.connecting', { path: job.port })} />
      ) : (
        <StatusLabel
          kind="ok"
          text={t('flow.connected', { path: job.port, mode: job.modeDescription ?? '' })}
        />
      )}
      {connect.status === 'done' && (
        <StatusLabel
          kind={isRead ? 'ok' : 'pending'}
          text={
            isRead ? t('flow.read') : job.state === 'reading' ? job.stepText : t('flow.reading')
          }
        />
      )}
    </Stack>
  );
}

const headings: Record<Exclude<FlowStage, 'pass' | 'fail' | 'lost'>, Parameters<typeof t>[0]> = {
  working: 'flow.workingHeading',
  decide: 'flow.decideHeading',
  claiming: 'flow.claimingHeading',
  provisioning: 'flow.provisioningHeading',
};

function passHeading(job: JobView): string {
  if (job.state === 'connected') return t('flow.passConnected');
  if (job.state === 'already-claimed') return t('flow.passAlready');
  if (job.state === 'read') return t('flow.passRead');
  return t('flow.passClaimed');
}

export function BoardFlow({ job }: { job: JobView }) {
  const stage = flowStageOf(job);
  // The dry run belongs to the decision: it shows there, with its own Cancel.
  const isDeciding = stage === 'decide' || stage === 'claiming' || job.state === 'checking';
  const explanation = useAppStore((s) => s.connectExplanation) ?? job.explanation;
  const onboardNext = useAppStore((s) => s.onboardNext);
  const readAgain = useAppStore((s) => s.readAgain);
  const cancelFlow = useAppStore((s) => s.cancelFlow);
  const openExternal = useAppStore((s) => s.openExternal);
  const unclaimOp = useAppStore((s) => s.unclaimOp);
  const dryRun = useAppStore((s) => s.dryRun);
  const [toUnclaim, setToUnclaim] = useState<UnclaimTarget | undefined>(undefined);
  const read = readOpOf(job, true);
  const verdict = dryRunOpOf(job, true);
  const tokenActions = <TokenActions journalId={job.journalId} path={job.port} />;

  // Unclaimed from the pass screen: the outcome goes, and the check is offered again.
  const isUnclaimed =
    unclaimOp.status === 'done' &&
    job.claim !== undefined &&
    job.claim.deviceId === unclaimOp.value;
  if (stage === 'pass' && isUnclaimed) {
    return (
      <Stack spacing={2}>
        <Alert severity="info" role="status" data-testid="unclaimed">
          {t('claim.unclaimed', { uuid: unclaimOp.value })}
        </Alert>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
          <PrimaryButton onClick={() => void dryRun()}>{t('claim.dryRun')}</PrimaryButton>
          <Button variant="outlined" onClick={onboardNext}>
            {t('claim.next')}
          </Button>
        </Stack>
        {tokenActions}
      </Stack>
    );
  }
  if (stage === 'pass') {
    return (
      <Stack spacing={2}>
        <ResultScreen kind="pass" job={job} heading={passHeading(job)} onNext={onboardNext}>
          {job.provisioning?.note && (
            <Typography data-testid="provisioning-note">{job.provisioning.note}</Typography>
          )}
        </ResultScreen>
        {/* Turned off, nothing happened: the note says so, a timeline would show nothing. */}
        {job.provisioning && job.provisioning.skipReason !== 'turned-off' && (
          <ProvisioningTimeline view={job.provisioning} />
        )}
        {job.claim === undefined && verdict.status === 'done' && (
          <DryRunResult view={verdict.value} />
        )}
        {read.status === 'done' && <AttestResultCard result={read.value} />}
        {job.claim && (
          <ClaimOutcome
            view={job.claim}
            onOpenPortal={(url) => void openExternal(url)}
            onUnclaim={() =>
              setToUnclaim(
                job.journalId !== undefined
                  ? { deviceId: job.claim!.deviceId, journalId: job.journalId }
                  : { deviceId: job.claim!.deviceId },
              )
            }
          />
        )}
        {tokenActions}
        <UnclaimDialog target={toUnclaim} onClose={() => setToUnclaim(undefined)} />
      </Stack>
    );
  }
  if (stage === 'lost') {
    const serial = job.serialNumber;
    return (
      <Stack spacing={2}>
        <ResultScreen
          kind="lost"
          job={job}
          heading={t('flow.lostHeading')}
          explanation={{
            title: t('flow.lostHeading'),
            cause: t('flow.lostCause'),
            fix: serial === undefined ? t('flow.lostFixNoSerial') : t('flow.lostFix', { serial }),
          }}
          onRetry={() => void readAgain()}
          onNext={onboardNext}
        >
          {serial !== undefined && (
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <LinearProgress sx={{ width: 120 }} aria-label={t('flow.lostWaiting', { serial })} />
              <Typography role="status">{t('flow.lostWaiting', { serial })}</Typography>
            </Stack>
          )}
        </ResultScreen>
        {tokenActions}
      </Stack>
    );
  }
  if (stage === 'fail') {
    const connect = connectOpOf(job);
    if (connect.status === 'failed') {
      return (
        <Stack spacing={2} data-testid="result-fail">
          <StepHeading>{t('connect.heading')}</StepHeading>
          <Typography>{boardLine(job)}</Typography>
          <ConnectFailure error={connect.error} path={job.port} />
        </Stack>
      );
    }
    const isStopped = job.state === 'cancelled';
    return (
      <Stack spacing={2}>
        <ResultScreen
          kind="fail"
          job={job}
          heading={
            isStopped ? t('flow.cancelledHeading') : (explanation?.title ?? t('flow.failHeading'))
          }
          explanation={isStopped ? undefined : explanation}
          onRetry={() => void readAgain()}
          onNext={onboardNext}
        />
        {job.error && adviceFor(job.error.code).area === 'key' && <ApiKeyForm />}
        {tokenActions}
      </Stack>
    );
  }

  return (
    <Stack spacing={2}>
      <StepHeading>{t(job.state === 'checking' ? headings.decide : headings[stage])}</StepHeading>
      <Typography sx={{ fontWeight: 600 }} data-testid="flow-board">
        {boardLine(job)}
      </Typography>
      {stage === 'working' && !isDeciding && <LinearProgress aria-label={t(headings.working)} />}
      <Progress job={job} />
      {read.status === 'done' && <AttestResultCard result={read.value} />}
      {isDeciding && <ClaimDecision />}
      {stage === 'provisioning' && job.provisioning && (
        <ProvisioningTimeline view={job.provisioning} />
      )}
      {stage === 'working' && !isDeciding && (
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" color="warning" onClick={() => void cancelFlow()}>
            {t('common.cancel')}
          </Button>
        </Stack>
      )}
      {tokenActions}
    </Stack>
  );
}
