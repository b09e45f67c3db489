/** Speaks changes to screen readers without moving focus. */
import Box from '@mui/material/Box';

// Off-screen but read aloud; the usual visually-hidden recipe.
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

export function LiveRegion({ message, testId }: { message: string; testId?: string }) {
  return (
    <Box
      aria-live="polite"
      aria-atomic="true"
      role="status"
      sx={visuallyHidden}
      data-testid={testId}
    >
      {message}
    </Box>
  );
}
