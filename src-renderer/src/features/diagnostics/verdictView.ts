/** How a probe verdict is shown: a status kind for the icon and the words beside it. */
import type { ProbeVerdict } from '../../../../src-shared/ipc/diagnostics';
import { assertNever } from '../../../../src-shared/ipc/errors';
import type { StatusKind } from '../../components/StatusLabel';

export function verdictKind(verdict: ProbeVerdict | undefined): StatusKind {
  switch (verdict) {
    case undefined:
      return 'pending';
    case 'at-host':
    case 'shell':
    case 'slm':
      return 'ok';
    case 'no-answer':
      return 'warning';
    case 'in-use-by-app':
    case 'not-probed':
      return 'info';
    case 'busy':
    case 'permission-denied':
    case 'gone':
    case 'error':
      return 'error';
    default:
      return assertNever(verdict);
  }
}

/** Rows where asking "who holds it?" makes sense. */
export const isHeldVerdict = (verdict: ProbeVerdict | undefined): boolean =>
  verdict === 'busy' || verdict === 'permission-denied' || verdict === 'error';
