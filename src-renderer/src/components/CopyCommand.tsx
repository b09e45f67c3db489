/** A one-line command the user can copy and paste into a terminal. */
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useAppStore } from '../store/appStore';
import { t } from '../i18n/t';

export function CopyCommand({ command }: { command: string }) {
  const copyToClipboard = useAppStore((s) => s.copyToClipboard);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
      <Box
        component="code"
        sx={{
          fontFamily: 'monospace',
          bgcolor: 'action.hover',
          px: 1,
          py: 0.5,
          borderRadius: 1,
          wordBreak: 'break-all',
        }}
      >
        {command}
      </Box>
      <IconButton
        aria-label={t('common.copyCommand')}
        onClick={() => void copyToClipboard(command)}
      >
        <ContentCopyIcon fontSize="small" />
      </IconButton>
    </Box>
  );
}
