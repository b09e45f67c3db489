/** An error as the user sees it: what happened, why, how to fix it, and its code for support. */
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { AppErrorData } from '../../../src-shared/ipc/errors';
import type { Explanation } from '../../../src-shared/ipc/diagnostics';
import { t } from '../i18n/t';
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
  return (
    <Alert severity={severity} role="alert" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle>
        {title ?? explanation?.title ?? error.message}
        <CodeChip code={error.code} />
      </AlertTitle>
      {(title !== undefined || explanation !== undefined) && (
        <Typography>{error.message}</Typography>
      )}
      {explanation && (
        <>
          <Typography sx={{ mt: 1 }}>
            <strong>{t('connect.cause')}:</strong> {explanation.cause}
          </Typography>
          <Typography sx={{ mt: 0.5 }}>
            <strong>{t('connect.fix')}:</strong> {explanation.fix}
          </Typography>
          {explanation.fixCommand && <CopyCommand command={explanation.fixCommand} />}
        </>
      )}
      {actions && (
        <div style={{ marginTop: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div>
      )}
    </Alert>
  );
}
