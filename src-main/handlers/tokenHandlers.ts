/** Handlers of the `token` domain: checking a pasted token without a device. */
import type { tokenChannels } from '../../src-shared/ipc/token';
import type { DecodedToken } from '../../src-shared/token/decode';
import { decodePastedToken as decodePasted } from '../../src-shared/token/pasted';
import type { HandlerTable } from '../ipc/dispatch';
import { valueOrThrow } from './resultOrThrow';

/** Finds the token in any pasted text (bare, quoted, an AT reply, a provisioning log) and decodes it. */
export function decodePastedToken(text: string): DecodedToken {
  return valueOrThrow(decodePasted(text));
}

export function createTokenHandlers(): HandlerTable<typeof tokenChannels> {
  return { decodeToken: ({ text }) => decodePastedToken(text) };
}
