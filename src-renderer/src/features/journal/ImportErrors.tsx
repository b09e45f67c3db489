/** The rows a CSV import did not take, one per line of the file: its plain sentence, its code as a chip. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import type { ImportRowError } from '../../../../src-shared/ipc/journal';
import { t } from '../../i18n/t';
import { CodeChip } from '../../components/CodeChip';

export function ImportErrors({ errors }: { errors: readonly ImportRowError[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      severity="warning"
      data-testid="import-errors"
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
    >
      <AlertTitle>{t('journal.importErrorsTitle', { count: errors.length })}</AlertTitle>
      <List dense disablePadding>
        {errors.map((error, index) => (
          <ListItem
            key={`${error.line}:${index}`}
            disableGutters
            data-testid="import-error"
            sx={{ display: 'block' }}
          >
            <Typography component="span">
              <strong>{t('journal.importLine', { line: error.line })}</strong> {error.message}
            </Typography>
            <CodeChip code={error.code} />
            {error.detail !== undefined && (
              <Typography variant="body2" color="text.secondary">
                {error.detail}
              </Typography>
            )}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
