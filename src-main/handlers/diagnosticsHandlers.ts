/** Handlers of the `diagnostics` domain. */
import type { diagnosticsChannels } from '../../src-shared/ipc/diagnostics';
import type { DiagnosticsService } from '../diagnostics/diagnosticsService';
import type { HandlerTable } from '../ipc/dispatch';

export function createDiagnosticsHandlers(
  diagnostics: DiagnosticsService,
): HandlerTable<typeof diagnosticsChannels> {
  return {
    probePorts: () => diagnostics.probe(),
    findHolders: ({ path }) => diagnostics.findHolders(path),
    runPermissionDoctor: () => diagnostics.permissionDoctor(),
    getUsbTimeline: () => diagnostics.usbTimeline(),
    explainError: ({ error, path }) => {
      const data =
        error.detail === undefined
          ? { code: error.code, message: error.message }
          : { code: error.code, message: error.message, detail: error.detail };
      return diagnostics.explain(data, path);
    },
    saveSupportBundle: () => diagnostics.saveBundle(),
    copyTicketSummary: () => diagnostics.ticketSummary(),
  };
}
