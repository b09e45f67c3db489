/** The Diagnostics tab: ports, permissions, USB events, a raw terminal and support exports. */
import { useEffect } from 'react';
import Paper from '@mui/material/Paper';
import { useAppStore } from '../../store/appStore';
import Stack from '@mui/material/Stack';
import { t } from '../../i18n/t';
import { StepHeading } from '../../components/StepHeading';
import { PortsTable } from './PortsTable';
import { PermissionDoctor } from './PermissionDoctor';
import { UsbTimeline } from './UsbTimeline';
import { Terminal } from './Terminal';
import { SupportActions } from './SupportActions';

const sections = [PortsTable, PermissionDoctor, UsbTimeline, Terminal, SupportActions];

export function DiagnosticsView() {
  const ensureLoaded = useAppStore((s) => s.ensureDiagnosticsLoaded);
  useEffect(() => ensureLoaded(), [ensureLoaded]);
  return (
    <Stack spacing={3}>
      <StepHeading>{t('diagnostics.heading')}</StepHeading>
      {sections.map((Section, index) => (
        <Paper key={index} variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
          <Section />
        </Paper>
      ))}
    </Stack>
  );
}
