/** An error as the user sees it: what happened, why, how to fix it, and its code for support. */
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { AppErrorData } from '../../../src-shared/ipc/errors';
import type { Explanation } from '../../../src-shared/ipc/diagnostics';
import { t } from '../i18n/t';
import { noticeParts } from '../lib/noticeParts';
import { CodeChip } from './CodeChip';
import { CopyCommand } from './CopyCommand';

interface Props {
  error: AppErrorData;
  title?: string;
  explanation?: Explanation | undefined;
  actions?: ReactNode;
  severity?: 'error' | 'warning' | 'info';
}

export function ErrorNotice({ error, title, explanation, actions, severity = 'error' }: Props) {
  const parts = noticeParts({ error, title, explanation });
  return (
    <Alert severity={severity} role="alert" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle>
        {parts.headline}
        <CodeChip code={error.code} />
      </AlertTitle>
      {parts.message !== undefined && <Typography>{parts.message}</Typography>}
      {parts.cause !== undefined && (
        <Typography sx={{ mt: 1 }}>
          <strong>{t('connect.cause')}:</strong> {parts.cause}
        </Typography>
      )}
      {parts.fix !== undefined && (
        <Typography sx={{ mt: 0.5 }}>
          <strong>{t('connect.fix')}:</strong> {parts.fix}
        </Typography>
      )}
      {parts.fixCommand !== undefined && <CopyCommand command={parts.fixCommand} />}
      {actions && (
        <div style={{ marginTop: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div>
      )}
    </Alert>
  );
}
