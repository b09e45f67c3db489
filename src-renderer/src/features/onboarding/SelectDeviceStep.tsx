/**
 * Step 1: pick the board (or type a port); the list follows hot-plug events live. Picking a card
 * starts the board at once; boards done this session carry their mark and are never preselected.
 */
import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import UsbIcon from '@mui/icons-material/Usb';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { PrimaryButton } from '../../components/PrimaryButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DeviceCard } from '../devices/DeviceCard';
import { EmptyDevices } from '../devices/EmptyDevices';
import { OtherPorts } from '../devices/OtherPorts';
import { ManualPortField } from '../devices/ManualPortField';
import { doneBoards } from './flowJob';

export function SelectDeviceStep() {
  const snapshot = useAppStore((s) => s.snapshot);
  const isLoading = useAppStore((s) => s.isLoadingDevices);
  const devicesError = useAppStore((s) => s.devicesError);
  const selection = useAppStore((s) => s.selection);
  const selectDevice = useAppStore((s) => s.selectDevice);
  const selectPath = useAppStore((s) => s.selectPath);
  const connect = useAppStore((s) => s.connect);
  const jobs = useAppStore((s) => s.jobs);
  const hasSeenRealBoard = useAppStore((s) => s.hasSeenRealBoard);
  const done = useMemo(() => doneBoards(jobs), [jobs]);

  const devices = snapshot?.devices ?? [];
  return (
    <Stack spacing={2}>
      <StepHeading>{t('select.heading')}</StepHeading>
      <Typography>{t('select.intro')}</Typography>
      {snapshot?.degraded && (
        <Alert severity="warning">
          {t('select.degraded', { reason: snapshot.degraded.reason })}
        </Alert>
      )}
      {devicesError && <ErrorNotice error={devicesError} />}
      {!snapshot && isLoading && (
        <>
          <LinearProgress aria-label={t('select.loading')} />
          <Typography>{t('select.loading')}</Typography>
        </>
      )}
      {snapshot && devices.length === 0 && (
        <EmptyDevices isDemoPrimary={!selection && !hasSeenRealBoard} />
      )}
      {devices.length > 0 && (
        <Stack spacing={1.5} role="radiogroup" aria-label={t('select.listLabel')}>
          {devices.map((device) => (
            <DeviceCard
              key={device.id}
              device={device}
              isSelected={selection?.deviceId === device.id}
              isLastUsed={
                device.serialNumber !== undefined &&
                device.serialNumber === snapshot?.lastUsedSerial
              }
              doneAt={device.serialNumber === undefined ? undefined : done.get(device.serialNumber)}
              onSelect={selectDevice}
            />
          ))}
        </Stack>
      )}
      <OtherPorts ports={snapshot?.otherPorts ?? []} onUse={selectPath} />
      <ManualPortField onUse={selectPath} />
      {selection && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <PrimaryButton onClick={() => void connect()} startIcon={<UsbIcon />}>
            {t('select.connect')}
          </PrimaryButton>
          <Typography sx={{ fontFamily: 'monospace' }} data-testid="chosen-port">
            {t('select.manualChosen', { path: selection.path })}
          </Typography>
        </Stack>
      )}
      {snapshot && (
        <Typography variant="caption" color="text.secondary">
          {t('select.freshness', {
            seconds: Math.max(1, Math.round(snapshot.pollIntervalMs / 1000)),
          })}
        </Typography>
      )}
    </Stack>
  );
}
