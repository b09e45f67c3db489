/**
 * A token as a person pastes it (bare, quoted, a `%ATTESTTOKEN: "..."` reply line, a provisioning
 * log): found with the lenient extraction, then decoded. The window's paste box, the journal's
 * "add a token" and `nrf-onboard claim --token` all read what the user gives them through here.
 */
import type { Result } from '../ipc/errors';
import { decodeAttestationToken, type DecodedToken } from './decode';
import { extractTokenFromText } from './extract';

export function decodePastedToken(text: string): Result<DecodedToken> {
  const found = extractTokenFromText(text);
  return found.ok ? decodeAttestationToken(found.value) : found;
}
