/** The heading of one onboarding step or one diagnostics section. */
import Typography from '@mui/material/Typography';

export function StepHeading({ children, level = 2 }: { children: string; level?: 2 | 3 }) {
  return (
    <Typography
      variant={level === 2 ? 'h2' : 'h3'}
      component={level === 2 ? 'h2' : 'h3'}
      sx={{ mb: 2 }}
    >
      {children}
    </Typography>
  );
}
