/** Handlers of the `journal` domain: list, paste, discard, CSV, and claiming everything pending. */
import type { SavedFile } from '../../src-shared/ipc/app';
import type { journalChannels } from '../../src-shared/ipc/journal';
import type { CloudService } from '../cloud/cloudService';
import type { TokenJournal } from '../cloud/journal';
import type { HandlerTable } from '../ipc/dispatch';
import type { RequestRegistry } from '../requests';
import { decodePastedToken } from './tokenHandlers';

export function createJournalHandlers(deps: {
  journal: () => TokenJournal;
  cloud: () => CloudService;
  requests: RequestRegistry;
  saveTextFile: (suggestedName: string, content: string) => Promise<SavedFile | null>;
  onJournalChanged: () => void;
}): HandlerTable<typeof journalChannels> {
  const changed = <T>(value: T): T => {
    deps.onJournalChanged();
    return value;
  };
  return {
    listJournal: () => deps.journal().list(),
    addToken: ({ text }) => {
      const decoded = decodePastedToken(text);
      const journal = deps.journal();
      const existing = journal.findToken(decoded.token);
      if (existing !== undefined) return { entry: existing, alreadySince: existing.readAt };
      const entry = journal.add({
        token: decoded.token,
        deviceUuid: decoded.deviceUuid,
        deviceType: decoded.deviceType,
        deviceTypeName: decoded.deviceTypeName,
        source: 'paste',
      });
      return changed({ entry });
    },
    discardEntry: ({ id }) => {
      changed(deps.journal().discard(id));
    },
    exportCsv: () =>
      deps.saveTextFile(
        `attestation-tokens-${new Date().toISOString().slice(0, 10)}.csv`,
        deps.journal().exportCsv(),
      ),
    importCsv: ({ text }) => changed(deps.journal().importCsv(text)),
    claimPending: (input) =>
      deps.requests.track(input.requestId, (signal) => deps.cloud().claimPending(input, signal)),
  };
}
