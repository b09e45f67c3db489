/** The one main action of a step: filled, and focused when it appears so Enter continues. */
import { useEffect, useRef, type ReactNode } from 'react';
import Button from '@mui/material/Button';

interface Props {
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  startIcon?: ReactNode;
  testId?: string;
}

export function PrimaryButton({ onClick, children, disabled = false, startIcon, testId }: Props) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Button
      ref={ref}
      variant="contained"
      onClick={onClick}
      disabled={disabled}
      startIcon={startIcon}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
