/** Ports that belong to no recognised kit, tucked away but one click from use. */
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { DevicePort } from '../../../../src-shared/devices/index';
import { t } from '../../i18n/t';
import { vidPid } from '../../lib/format';

export function OtherPorts({
  ports,
  onUse,
}: {
  ports: readonly DevicePort[];
  onUse: (path: string) => void;
}) {
  if (ports.length === 0) return null;
  return (
    <Accordion variant="outlined" disableGutters>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{t('select.otherPorts', { count: ports.length })}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Typography variant="body2">{t('select.otherPortsHint')}</Typography>
        <List dense>
          {ports.map((port) => (
            <ListItem
              key={port.path}
              secondaryAction={
                <Button onClick={() => onUse(port.path)} size="medium">
                  {t('select.usePort', { path: port.path })}
                </Button>
              }
            >
              <ListItemText
                primary={<span style={{ fontFamily: 'monospace' }}>{port.path}</span>}
                secondary={[port.manufacturer, vidPid(port.vendorId, port.productId)]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      </AccordionDetails>
    </Accordion>
  );
}
