/** Binds the registration wrapper to Electron's ipcMain (kept apart so tests need no Electron). */
import { ipcMain } from 'electron';
import type { Contract } from '../../src-shared/ipc/contract';
import type { DispatchOptions, HandlerTable } from './dispatch';
import { registerHandlers, type SenderCheck } from './register';

export const registerWithElectron = <C extends Contract>(
  contract: C,
  table: HandlerTable<C>,
  isTrustedSender: SenderCheck,
  options: DispatchOptions & { onRefused?: (channel: string) => void } = {},
): (() => void) => registerHandlers(ipcMain, contract, table, isTrustedSender, options);
