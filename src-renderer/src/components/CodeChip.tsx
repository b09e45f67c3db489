/** The small stable error code support staff ask for, e.g. PORT_BUSY. */
import Chip from '@mui/material/Chip';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { t } from '../i18n/t';

export function CodeChip({ code }: { code: ErrorCode }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={code}
      aria-label={t('common.errorCode', { code })}
      data-testid="error-code"
      sx={{ fontFamily: 'monospace', ml: 1 }}
    />
  );
}
