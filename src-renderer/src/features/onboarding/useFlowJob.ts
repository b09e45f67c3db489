/** The flow's job and what each part of its screen draws of it, derived once per change. */
import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore';
import { claimOpOf, connectOpOf, dryRunOpOf, readOpOf } from './flowJob';

export function useFlowJob() {
  const job = useAppStore((s) =>
    s.flowJobId === undefined ? undefined : s.jobs[s.flowJobId]?.view,
  );
  const hasApiKey = useAppStore((s) => s.keyStatus?.hasApiKey ?? false);
  return useMemo(
    () => ({
      job,
      connectOp: connectOpOf(job),
      attestOp: readOpOf(job, true),
      dryRunOp: dryRunOpOf(job, hasApiKey),
      claimOp: claimOpOf(job),
    }),
    [job, hasApiKey],
  );
}
