/** Handlers of the `serial` domain. A token read from a device is journaled before it is returned. */
import type { AttestResult, serialChannels } from '../../src-shared/ipc/serial';
import { entryFromReading, type TokenJournal } from '../cloud/journal';
import type { HandlerTable } from '../ipc/dispatch';
import type { RequestRegistry } from '../requests';
import type { SerialService } from '../serial/serialService';

export function createSerialHandlers(deps: {
  serial: SerialService;
  journal: () => TokenJournal;
  requests: RequestRegistry;
  onJournalChanged: () => void;
}): HandlerTable<typeof serialChannels> {
  const { serial } = deps;
  return {
    listDevices: () => serial.snapshot(),
    connect: (input) => serial.connect(input),
    disconnect: ({ sessionId }) => serial.disconnect(sessionId),
    sendCommand: (input) => serial.sendCommand(input),
    attest: async (input): Promise<AttestResult> => {
      const reading = await serial.attest(input);
      const { token } = reading;
      // Durable before it is shown: a crash or a pulled plug after this line loses nothing.
      const entry = deps.journal().add(entryFromReading(reading));
      deps.onJournalChanged();
      return {
        journalId: entry.id,
        token: reading.tokenRaw,
        decoded: token,
        mode: reading.mode,
        warnings: reading.warnings,
        ...(reading.model ? { model: reading.model } : {}),
        ...(reading.firmware ? { firmware: reading.firmware } : {}),
        ...(reading.imei ? { imei: reading.imei } : {}),
      };
    },
    cancel: ({ requestId }) => deps.requests.cancel(requestId),
    getTranscript: ({ path }) => serial.transcript.entries(path),
  };
}
