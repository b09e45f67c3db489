/** The frame: app bar with title, demo chip, settings and the four tabs; the open tab below. */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import SettingsIcon from '@mui/icons-material/Settings';
import ScienceIcon from '@mui/icons-material/Science';
import { useAppStore } from './store/appStore';
import type { TabId } from './store/uiSlice';
import { t } from './i18n/t';
import { assertNever } from '../../src-shared/ipc/errors';
import { OnboardView } from './features/onboarding/OnboardView';
import { DiagnosticsView } from './features/diagnostics/DiagnosticsView';
import { JournalView } from './features/journal/JournalView';
import { StationView } from './features/station/StationView';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { Toasts } from './components/Toasts';
import { RecoveryNotices } from './features/notices/RecoveryNotices';

const tabs = [
  { id: 'onboard', label: 'app.tabOnboard' },
  { id: 'station', label: 'app.tabStation' },
  { id: 'diagnostics', label: 'app.tabDiagnostics' },
  { id: 'journal', label: 'app.tabJournal' },
] as const;

function TabView({ tab }: { tab: TabId }) {
  switch (tab) {
    case 'onboard':
      return <OnboardView />;
    case 'station':
      return <StationView />;
    case 'diagnostics':
      return <DiagnosticsView />;
    case 'journal':
      return <JournalView />;
    default:
      return assertNever(tab);
  }
}

export function AppShell() {
  const tab = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const isDemo = useAppStore((s) => s.appInfo?.isDemo ?? false);
  const setSettingsOpen = useAppStore((s) => s.setSettingsOpen);
  return (
    <>
      <AppBar position="sticky" color="default" elevation={1}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h1" component="h1">
            {t('app.title')}
          </Typography>
          {isDemo && (
            <Chip
              icon={<ScienceIcon />}
              color="warning"
              label={t('app.demoChip')}
              data-testid="demo-chip"
            />
          )}
          <Box sx={{ flexGrow: 1 }} />
          <IconButton aria-label={t('app.settings')} onClick={() => setSettingsOpen(true)}>
            <SettingsIcon />
          </IconButton>
        </Toolbar>
        <Tabs
          value={tab}
          onChange={(_e, value: TabId) => setTab(value)}
          aria-label={t('app.tabs')}
          sx={{ px: 2 }}
        >
          {tabs.map(({ id, label }) => (
            <Tab
              key={id}
              value={id}
              label={t(label)}
              id={`tab-${id}`}
              aria-controls={`panel-${id}`}
            />
          ))}
        </Tabs>
      </AppBar>
      {/* The main landmark holds the open tab's panel: role="tabpanel" on <main> itself would
          replace its landmark role, leaving the page without one. */}
      <Box component="main" sx={{ p: { xs: 2, md: 3 }, maxWidth: 1400, mx: 'auto' }}>
        <RecoveryNotices />
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          <TabView tab={tab} />
        </div>
      </Box>
      <SettingsDialog />
      <Toasts />
    </>
  );
}
