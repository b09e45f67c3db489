/** Light and dark themes tuned for reading at bench distance: larger type, generous targets, clear focus. */
import { createTheme, type Theme } from '@mui/material/styles';

export type ColorMode = 'light' | 'dark';

export function createAppTheme(mode: ColorMode): Theme {
  const focusRing = {
    outline: '3px solid',
    outlineColor: mode === 'dark' ? '#90caf9' : '#0d47a1',
    outlineOffset: 2,
  };
  return createTheme({
    palette: { mode, primary: { main: mode === 'dark' ? '#6ab7ff' : '#00629b' } },
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
}
