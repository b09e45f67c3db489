/** A kit's current step or end as an icon and words (never colour alone). */
import type { ReactElement } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloudIcon from '@mui/icons-material/Cloud';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import KeyIcon from '@mui/icons-material/Key';
import MemoryIcon from '@mui/icons-material/Memory';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import SaveIcon from '@mui/icons-material/Save';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import UsbIcon from '@mui/icons-material/Usb';
import UsbOffIcon from '@mui/icons-material/UsbOff';
import { assertNever } from '../../../../src-shared/ipc/errors';
import { stateText, type KitState } from '../jobs/jobText';

type IconColor = 'disabled' | 'primary' | 'success' | 'info' | 'error' | 'warning';

function iconOf(state: KitState): { Icon: typeof UsbIcon; color: IconColor } {
  switch (state) {
    case 'not-started':
      return { Icon: RadioButtonUncheckedIcon, color: 'disabled' };
    case 'waiting':
      return { Icon: HourglassEmptyIcon, color: 'disabled' };
    case 'connecting':
      return { Icon: UsbIcon, color: 'primary' };
    case 'reading':
      return { Icon: MemoryIcon, color: 'primary' };
    case 'journaling':
      return { Icon: SaveIcon, color: 'primary' };
    case 'checking':
      return { Icon: CloudIcon, color: 'primary' };
    case 'ready-to-claim':
      return { Icon: HourglassEmptyIcon, color: 'info' };
    case 'claiming':
      return { Icon: CloudUploadIcon, color: 'primary' };
    case 'provisioning':
      return { Icon: CloudDownloadIcon, color: 'primary' };
    case 'connected':
      return { Icon: CloudDoneIcon, color: 'success' };
    case 'claimed':
      return { Icon: CheckCircleIcon, color: 'success' };
    case 'already-claimed':
      return { Icon: TaskAltIcon, color: 'info' };
    case 'read':
      return { Icon: KeyIcon, color: 'info' };
    case 'failed':
      return { Icon: ErrorIcon, color: 'error' };
    case 'unplugged':
      return { Icon: UsbOffIcon, color: 'warning' };
    case 'cancelled':
      return { Icon: BlockIcon, color: 'warning' };
    default:
      return assertNever(state);
  }
}

export function KitStateLine({ state, detail }: { state: KitState; detail?: string | undefined }) {
  const { Icon, color } = iconOf(state);
  const icon: ReactElement = <Icon color={color} aria-hidden />;
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }} data-testid="kit-state">
      {icon}
      <Box>
        <Typography sx={{ fontWeight: 600 }}>{stateText(state)}</Typography>
        {detail && (
          <Typography variant="body2" color="text.secondary">
            {detail}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
