/** Handlers of the `onboarding` domain: jobs per kit, Auto, and the station report. */
import type { SavedFile } from '../../src-shared/ipc/app';
import type { JobList, onboardingChannels } from '../../src-shared/ipc/onboarding';
import type { DeviceSnapshot } from '../../src-shared/ipc/serial';
import type { HandlerTable } from '../ipc/dispatch';
import { resolveTarget, type AutoStart } from '../onboarding/autoStart';
import type { CloudQueue } from '../onboarding/cloudQueue';
import { reportFileName } from '../onboarding/jobReport';
import type { OnboardingService } from '../onboarding/onboardingService';

export function createOnboardingHandlers(deps: {
  onboarding: OnboardingService;
  auto: AutoStart;
  queue: CloudQueue;
  snapshot: () => Promise<DeviceSnapshot>;
  saveTextFile: (suggestedName: string, content: string) => Promise<SavedFile | null>;
}): HandlerTable<typeof onboardingChannels> {
  const { onboarding } = deps;
  const list = (): JobList => ({
    jobs: onboarding.list(),
    queue: deps.queue.view(),
    isAuto: deps.auto.isOn,
  });
  return {
    startJob: async ({ serialNumber, path, tags, claim }) =>
      onboarding.start(resolveTarget(await deps.snapshot(), { serialNumber, path }), {
        tags,
        claim,
      }),
    claimJob: ({ id, tags, isDryRunOnly }) => onboarding.claim(id, { tags, isDryRunOnly }),
    cancelJob: ({ id }) => onboarding.cancel(id),
    retryJob: ({ id }) => onboarding.retry(id),
    releasePort: ({ path }) => onboarding.releasePort(path),
    listJobs: list,
    setAuto: ({ isAuto }) => {
      deps.auto.set(isAuto);
      return list();
    },
    exportReport: () => deps.saveTextFile(reportFileName(new Date()), onboarding.reportCsv()),
  };
}
