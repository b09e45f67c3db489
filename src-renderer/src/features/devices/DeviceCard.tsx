/** One plugged-in kit as a selectable card: name, serial number, ports, the AT port. */
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DeveloperBoardIcon from '@mui/icons-material/DeveloperBoard';
import SensorsIcon from '@mui/icons-material/Sensors';
import UsbIcon from '@mui/icons-material/Usb';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HistoryIcon from '@mui/icons-material/History';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import type { Device } from '../../../../src-shared/devices/index';
import { t } from '../../i18n/t';
import { formatTime } from '../../lib/format';
import { atPortOf } from './selection';

interface Props {
  device: Device;
  isSelected: boolean;
  isLastUsed: boolean;
  /** When the board was claimed (or found in the team) this session, ISO 8601. */
  doneAt?: string | undefined;
  onSelect: (id: string) => void;
}

function KitIcon({ device }: { device: Device }) {
  if (device.kit === undefined) return <UsbIcon fontSize="large" aria-hidden />;
  return device.name.startsWith('Thingy') ? (
    <SensorsIcon fontSize="large" aria-hidden />
  ) : (
    <DeveloperBoardIcon fontSize="large" aria-hidden />
  );
}

export function DeviceCard({ device, isSelected, isLastUsed, doneAt, onSelect }: Props) {
  const atPort = atPortOf(device);
  const portCount = device.ports.length;
  return (
    <Card
      variant="outlined"
      sx={{ borderWidth: isSelected ? 3 : 1, borderColor: isSelected ? 'primary.main' : 'divider' }}
    >
      <CardActionArea
        role="radio"
        aria-checked={isSelected}
        onClick={() => onSelect(device.id)}
        data-testid={`device-card-${device.id}`}
      >
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <KitIcon device={device} />
            <Stack spacing={0.25} sx={{ flexGrow: 1, minWidth: 0 }}>
              <Typography variant="h3" component="span">
                {device.name}
              </Typography>
              <Typography variant="body2">
                {device.serialNumber
                  ? t('select.serial', { serial: device.serialNumber })
                  : t('select.noSerial')}
                {' · '}
                {portCount === 1 ? t('select.port') : t('select.ports', { count: portCount })}
              </Typography>
              {atPort && (
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {t('select.atPort', { path: atPort })}
                </Typography>
              )}
            </Stack>
            <Stack spacing={0.5} sx={{ alignItems: 'flex-end' }}>
              {isSelected && (
                <Chip icon={<CheckCircleIcon />} color="primary" label={t('select.selected')} />
              )}
              {doneAt !== undefined && (
                <Chip
                  icon={<TaskAltIcon />}
                  color="success"
                  variant="outlined"
                  label={t('flow.claimedAtMark', { time: formatTime(Date.parse(doneAt)) })}
                  data-testid="claimed-mark"
                />
              )}
              {isLastUsed && doneAt === undefined && (
                <Chip icon={<HistoryIcon />} variant="outlined" label={t('select.lastUsed')} />
              )}
            </Stack>
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
