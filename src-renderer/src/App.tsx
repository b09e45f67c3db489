/** The renderer root: theme (OS preference unless overridden), main's events, and the shell. */
import { useEffect, useMemo, useRef } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider } from '@mui/material/styles';
import { useAppStore } from './store/appStore';
import { loadInitialState, subscribeToMain } from './store/mainEvents';
import { createAppTheme } from './theme';
import { AppShell } from './AppShell';

export function App() {
  const preference = useAppStore((s) => s.settings?.theme ?? 'system');
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const mode = preference === 'system' ? (prefersDark ? 'dark' : 'light') : preference;
  const theme = useMemo(() => createAppTheme(mode), [mode]);

  // StrictMode re-runs effects on the same instance: subscribe again, but load only once.
  const hasLoaded = useRef(false);
  useEffect(() => {
    const unsubscribe = subscribeToMain();
    if (!hasLoaded.current) {
      hasLoaded.current = true;
      void loadInitialState();
    }
    return unsubscribe;
  }, []);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell />
    </ThemeProvider>
  );
}
