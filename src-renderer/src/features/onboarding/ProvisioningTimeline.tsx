/**
 * Issue 13 in the flow: after the claim, the device fetches its credentials and connects. Shows
 * the firmware family and why, each milestone with its time since the claim, the cloud's
 * commands, LTE drops (normal), and a failure with its code, cause and fix.
 */
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ProvisioningView } from '../../../../src-shared/ipc/provisioning';
import { t } from '../../i18n/t';
import { StatusLabel } from '../../components/StatusLabel';
import { ErrorNotice } from '../../components/ErrorNotice';

export function ProvisioningTimeline({ view }: { view: ProvisioningView }) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="provisioning-heading"
      data-testid="provisioning-timeline"
      sx={{ p: 2 }}
    >
      <Stack spacing={1}>
        <Typography variant="h3" component="h3" id="provisioning-heading">
          {t('provisioning.heading')}
        </Typography>
        <Typography variant="body2" data-testid="provisioning-family">
          {t('provisioning.family', {
            family: t(`provisioning.families.${view.family}`),
            reason: view.familyReason,
          })}
        </Typography>
        {view.stages.length > 0 && (
          <List dense disablePadding aria-label={t('provisioning.heading')}>
            {view.stages.map((stage) => (
              <ListItem key={`${stage.stage}-${stage.at}`} disableGutters title={stage.text}>
                <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ fontFamily: 'monospace', minWidth: 56, textAlign: 'right' }}
                  >
                    {t('provisioning.at', { seconds: (stage.sinceClaimMs / 1000).toFixed(1) })}
                  </Typography>
                  <StatusLabel
                    kind={stage.stage === 'connected' ? 'ok' : 'info'}
                    text={t(`provisioning.stages.${stage.stage}`)}
                  />
                </Stack>
              </ListItem>
            ))}
          </List>
        )}
        {view.commands.length > 0 && (
          <Typography variant="body2">
            {t('provisioning.commands', {
              list: view.commands.map((c) => `${c.type} ${c.status}`).join(', '),
            })}
          </Typography>
        )}
        {view.lteDrops > 0 && (
          <Typography variant="body2">
            {t('provisioning.lteDrops', { count: view.lteDrops })}
          </Typography>
        )}
        {view.error && <ErrorNotice error={view.error} title={t('provisioning.failedTitle')} />}
      </Stack>
    </Paper>
  );
}
