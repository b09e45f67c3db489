/** Light and dark themes tuned for reading at bench distance: larger type, generous targets, clear focus. */
import { alpha, createTheme, type Theme } from '@mui/material/styles';

export type ColorMode = 'light' | 'dark';

const severities = ['success', 'info', 'warning', 'error'] as const;

/**
 * Light-mode status colours dark enough for text on white and on the app bar's grey (WCAG AA,
 * 4.5:1): MUI's default orange and light blue reach only 3.1 and 3.9.
 */
const lightStatus = { warning: { main: '#a84d00' }, info: { main: '#0277bd' } };

/**
 * Dark-mode status panels: MUI darkens the colour by 90 %, which leaves them nearly black on the
 * dark paper; a 16 % tint and a border make success, warning and error tell apart at a glance.
 */
function darkAlertTints(theme: Theme) {
  return severities.map((severity) => ({
    props: { colorSeverity: severity, variant: 'standard' },
    style: {
      backgroundColor: alpha(theme.palette[severity].main, 0.16),
      border: `1px solid ${alpha(theme.palette[severity].main, 0.5)}`,
    },
  }));
}

export function createAppTheme(mode: ColorMode): Theme {
  const focusRing = {
    outline: '3px solid',
    outlineColor: mode === 'dark' ? '#90caf9' : '#0d47a1',
    outlineOffset: 2,
  };
  const theme = createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#6ab7ff' : '#00629b' },
      ...(mode === 'light' ? lightStatus : {}),
      // Text on a filled colour (chips, contained buttons) picks black or white at 4.5:1, not 3:1.
      contrastThreshold: 4.5,
    },
    typography: {
      fontSize: 15,
      h1: { fontSize: '1.6rem', fontWeight: 600 },
      h2: { fontSize: '1.35rem', fontWeight: 600 },
      h3: { fontSize: '1.1rem', fontWeight: 600 },
    },
    components: {
      MuiButton: {
        defaultProps: { size: 'large' },
        styleOverrides: {
          root: { textTransform: 'none', minHeight: 44, '&.Mui-focusVisible': focusRing },
        },
      },
      MuiIconButton: {
        styleOverrides: { root: { minWidth: 44, minHeight: 44, '&.Mui-focusVisible': focusRing } },
      },
      MuiTab: {
        styleOverrides: {
          root: { textTransform: 'none', fontSize: '1rem', '&.Mui-focusVisible': focusRing },
        },
      },
      MuiCardActionArea: { styleOverrides: { root: { '&.Mui-focusVisible': focusRing } } },
      MuiChip: { styleOverrides: { root: { '&.Mui-focusVisible': focusRing } } },
    },
  });
  if (mode === 'light') return theme;
  return createTheme(theme, {
    components: { MuiAlert: { styleOverrides: { root: { variants: darkAlertTints(theme) } } } },
  });
}
