/** A status shown as icon plus words, never by colour alone. */
import Box from '@mui/material/Box';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import InfoIcon from '@mui/icons-material/Info';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';

export type StatusKind = 'ok' | 'warning' | 'error' | 'info' | 'pending';

const icons = {
  ok: <CheckCircleIcon fontSize="small" color="success" aria-hidden />,
  warning: <WarningIcon fontSize="small" color="warning" aria-hidden />,
  error: <ErrorIcon fontSize="small" color="error" aria-hidden />,
  info: <InfoIcon fontSize="small" color="info" aria-hidden />,
  pending: <HourglassEmptyIcon fontSize="small" color="disabled" aria-hidden />,
} as const;

export function StatusLabel({ kind, text }: { kind: StatusKind; text: string }) {
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}
      data-status={kind}
    >
      {icons[kind]}
      <span>{text}</span>
    </Box>
  );
}
