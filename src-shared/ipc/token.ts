/** The `token` domain: checking a token the user pasted or loaded, without a device. */
import { z } from 'zod';
import type { DecodedToken } from '../token/decode';
import { invoke, returns } from './contract';

export const tokenChannels = {
  decodeToken: invoke(
    'token:decode-token',
    z.object({ text: z.string().max(100_000) }).strict(),
    returns<DecodedToken>(),
  ),
} as const;
