/** The Linux permission doctor's findings, each with its one-line fix and a Re-test. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ReplayIcon from '@mui/icons-material/Replay';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CopyCommand } from '../../components/CopyCommand';

export function PermissionDoctor() {
  const op = useAppStore((s) => s.doctorOp);
  const runDoctor = useAppStore((s) => s.runDoctor);

  return (
    <Stack spacing={2} component="section" data-testid="permission-doctor">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <StepHeading level={3}>{t('diagnostics.doctorHeading')}</StepHeading>
        <Button
          variant="outlined"
          startIcon={<ReplayIcon />}
          onClick={() => void runDoctor()}
          disabled={op.status === 'running'}
        >
          {t('diagnostics.doctorRun')}
        </Button>
      </Stack>
      {op.status === 'running' && <LinearProgress aria-label={t('diagnostics.doctorRunning')} />}
      {op.status === 'failed' && <ErrorNotice error={op.error} />}
      {op.status === 'done' && op.value.length === 0 && (
        <Alert severity="success">{t('diagnostics.doctorClean')}</Alert>
      )}
      {op.status === 'done' &&
        op.value.map((finding) => (
          <Alert
            key={finding.id}
            severity={finding.id === 'ok' ? 'success' : finding.severity}
            data-testid={`finding-${finding.id}`}
          >
            <AlertTitle>{finding.title}</AlertTitle>
            <Typography>{finding.detail}</Typography>
            {finding.fix && (
              <Typography sx={{ mt: 0.5 }}>
                <strong>{t('connect.fix')}:</strong> {finding.fix}
              </Typography>
            )}
            {finding.fixCommand && <CopyCommand command={finding.fixCommand} />}
          </Alert>
        ))}
    </Stack>
  );
}
