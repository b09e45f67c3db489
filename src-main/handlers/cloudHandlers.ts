/** Handlers of the `cloud` domain; long calls are cancellable through their request id. */
import type { cloudChannels } from '../../src-shared/ipc/cloud';
import type { CloudService } from '../cloud/cloudService';
import type { HandlerTable } from '../ipc/dispatch';
import type { RequestRegistry } from '../requests';

export function createCloudHandlers(deps: {
  cloud: () => CloudService;
  requests: RequestRegistry;
}): HandlerTable<typeof cloudChannels> {
  const { requests } = deps;
  return {
    getKeyStatus: () => deps.cloud().keyStatus(),
    addApiKey: ({ apiKey }) => deps.cloud().addApiKey(apiKey),
    setActiveKey: ({ id }) => deps.cloud().setActiveKey(id),
    removeKey: ({ id }) => deps.cloud().removeKey(id),
    dryRun: (input) =>
      requests.track(input.requestId, (signal) => deps.cloud().dryRun(input, signal)),
    claim: (input) =>
      requests.track(input.requestId, (signal) => deps.cloud().claim(input, signal)),
    unclaim: (input) => deps.cloud().unclaim(input),
    createOnboardingRule: (input) =>
      requests.track(input.requestId, (signal) => deps.cloud().createOnboardingRule(input, signal)),
  };
}
