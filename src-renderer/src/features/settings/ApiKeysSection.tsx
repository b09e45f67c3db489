/** The stored API keys as summaries (team, role, masked key): add, activate, remove. */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DeleteIcon from '@mui/icons-material/Delete';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { ApiKeyForm } from '../claim/ApiKeyForm';
import { CloudUrlOverrideWarning } from '../../components/CloudUrlOverrideWarning';

export function ApiKeysSection() {
  const keyStatus = useAppStore((s) => s.keyStatus);
  const setActiveKey = useAppStore((s) => s.setActiveKey);
  const removeKey = useAppStore((s) => s.removeKey);
  const keys = keyStatus?.keys ?? [];
  return (
    <Stack spacing={2}>
      <Typography variant="h3" component="h3">
        {t('settings.keysHeading')}
      </Typography>
      <CloudUrlOverrideWarning />
      {keys.length === 0 ? (
        <Typography color="text.secondary">{t('settings.noKeys')}</Typography>
      ) : (
        <List dense data-testid="api-keys">
          {keys.map((key) => (
            <ListItem
              key={key.id}
              secondaryAction={
                <IconButton
                  edge="end"
                  aria-label={t('settings.removeKey', { team: key.teamName })}
                  onClick={() => void removeKey(key.id)}
                >
                  <DeleteIcon />
                </IconButton>
              }
            >
              <ListItemText
                primary={`${key.teamName} · ${key.role}`}
                secondary={<span style={{ fontFamily: 'monospace' }}>{key.maskedKey}</span>}
              />
              {key.isActive ? (
                <Chip
                  icon={<CheckCircleIcon />}
                  color="primary"
                  label={t('settings.active')}
                  sx={{ mr: 2 }}
                />
              ) : (
                <Button
                  size="medium"
                  sx={{ mr: 2 }}
                  aria-label={t('settings.activateKey', { team: key.teamName })}
                  onClick={() => void setActiveKey(key.id)}
                >
                  {t('settings.activate')}
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      <Typography sx={{ fontWeight: 600 }}>{t('settings.addKey')}</Typography>
      <ApiKeyForm />
    </Stack>
  );
}
