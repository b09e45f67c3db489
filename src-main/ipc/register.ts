/**
 * The one place main touches ipcMain: every invoke channel of the contract is registered here,
 * behind the sender check and the schema parse of `dispatch`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Contract } from '../../src-shared/ipc/contract';
import { fail } from '../../src-shared/ipc/errors';
import { dispatch, type DispatchOptions, type HandlerTable } from './dispatch';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/** Registers all handlers; returns a function that removes them again. */
export function registerHandlers<C extends Contract>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  contract: C,
  table: HandlerTable<C>,
  isTrustedSender: SenderCheck,
  options: DispatchOptions & { onRefused?: (channel: string) => void } = {},
): () => void {
  const channels: string[] = [];
  for (const spec of Object.values(contract)) {
    if (spec.kind !== 'invoke') continue;
    channels.push(spec.channel);
    ipcMain.handle(spec.channel, (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        options.onRefused?.(spec.channel);
        return fail('UNTRUSTED_SENDER', 'This request did not come from the Onboarder window.');
      }
      return dispatch(contract, table, spec.channel, input, options);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
