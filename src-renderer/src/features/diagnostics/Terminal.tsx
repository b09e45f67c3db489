/** A raw terminal on any port: connect, type AT commands (mode-aware), read and keep the transcript. */
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore';
import type { AppState } from '../../store/types';
import { t } from '../../i18n/t';
import { transcriptToText } from '../../lib/format';
import { StepHeading } from '../../components/StepHeading';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusLabel } from '../../components/StatusLabel';
import { TranscriptList } from '../../components/TranscriptList';
import { TerminalInput } from './TerminalInput';

const portPaths = (s: AppState): string[] => [
  ...(s.snapshot?.devices.flatMap((d) => d.ports.map((p) => p.path)) ?? []),
  ...(s.snapshot?.otherPorts.map((p) => p.path) ?? []),
];

export function Terminal() {
  const paths = useAppStore(useShallow(portPaths));
  const path = useAppStore((s) => s.terminalPath);
  const connectOp = useAppStore((s) => s.terminalConnectOp);
  const sendOp = useAppStore((s) => s.terminalSendOp);
  const history = useAppStore((s) => s.terminalHistory);
  const transcript = useAppStore((s) => s.terminalTranscript);
  const actions = useAppStore(
    useShallow((s) => ({
      setPath: s.setTerminalPath,
      connect: s.terminalConnect,
      disconnect: s.terminalDisconnect,
      release: s.terminalReleaseAndConnect,
      send: s.terminalSend,
      save: s.saveTerminalTranscript,
      copy: s.copyToClipboard,
    })),
  );
  const isConnected = connectOp.status === 'done';
  return (
    <Stack spacing={2} component="section">
      <StepHeading level={3}>{t('diagnostics.terminalHeading')}</StepHeading>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Autocomplete
          freeSolo
          options={paths}
          inputValue={path}
          onInputChange={(_e, value) => actions.setPath(value)}
          sx={{ minWidth: 280 }}
          renderInput={(params) => (
            <TextField {...params} label={t('diagnostics.terminalPort')} size="small" />
          )}
        />
        {isConnected ? (
          <Button variant="outlined" onClick={() => void actions.disconnect()}>
            {t('diagnostics.terminalDisconnect')}
          </Button>
        ) : (
          <Button
            variant="contained"
            onClick={() => void actions.connect()}
            disabled={!path.trim() || connectOp.status === 'running'}
          >
            {t('diagnostics.terminalConnect')}
          </Button>
        )}
        {isConnected && (
          <StatusLabel
            kind="ok"
            text={t('diagnostics.terminalMode', { mode: connectOp.value.modeDescription })}
          />
        )}
      </Stack>
      {connectOp.status === 'running' && <LinearProgress aria-label={t('common.working')} />}
      {connectOp.status === 'failed' && (
        <ErrorNotice
          error={connectOp.error}
          actions={
            connectOp.error.code === 'PORT_HELD_BY_FLOW' && (
              <Button variant="contained" onClick={() => void actions.release()}>
                {t('diagnostics.terminalRelease')}
              </Button>
            )
          }
        />
      )}
      {isConnected && (
        <TerminalInput
          history={history}
          isBusy={sendOp.status === 'running'}
          onSend={(c) => void actions.send(c)}
        />
      )}
      {sendOp.status === 'failed' && <ErrorNotice error={sendOp.error} severity="warning" />}
      {/* A scrolling region the keyboard can reach and scroll (WCAG 2.1.1); new lines are read out. */}
      <Paper
        variant="outlined"
        role="log"
        tabIndex={0}
        aria-label={t('diagnostics.terminalOutput')}
        sx={{ p: 1.5, maxHeight: 360, overflowY: 'auto' }}
      >
        <TranscriptList entries={transcript} />
      </Paper>
      <Stack direction="row" spacing={1}>
        <Button
          variant="outlined"
          disabled={transcript.length === 0}
          onClick={() => void actions.copy(transcriptToText(transcript))}
        >
          {t('diagnostics.copyTranscript')}
        </Button>
        <Button
          variant="outlined"
          disabled={transcript.length === 0}
          onClick={() => void actions.save()}
        >
          {t('diagnostics.saveTranscript')}
        </Button>
      </Stack>
    </Stack>
  );
}
