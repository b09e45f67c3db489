/**
 * Plain-language meanings of `+CME ERROR: <n>` and `+CMS ERROR: <n>` (seen only after AT+CMEE=1).
 */

// docs/protocol.md §1.3: codes seen in Nordic tools; 0 is Nordic's "not supported", not 27.007's.
// The few 3GPP TS 27.007 section 9.2 codes below are standard and harmless to name.
const CME_ERRORS: Readonly<Record<number, string>> = {
  0: 'The modem firmware does not support this command. Updating the modem firmware may add it.',
  3: 'The modem does not allow this operation.',
  4: 'The modem does not support this operation.',
  10: 'No SIM card is inserted.',
  50: 'The command has an incorrect parameter.',
  100: 'The modem reported an unknown error.',
  513: 'Not found: the modem has no such item (for example no key or certificate in that slot).',
  514: 'Not allowed: the modem refused access to this item.',
  515: 'The modem storage is full.',
  518: 'Not allowed while the modem is active. Switch the modem offline with AT+CFUN=4, then try again.',
  519: 'It already exists: the modem already holds an item in that place.',
  523: 'The modem failed to generate the key.',
};

// 3GPP TS 27.005 section 3.2.5.
const CMS_ERRORS: Readonly<Record<number, string>> = {
  300: 'The modem hit a failure while handling the message (ME failure).',
  301: 'The modem has reserved the SMS service.',
  302: 'The modem does not allow this SMS operation.',
  303: 'The modem does not support this SMS operation.',
  304: 'A PDU-mode parameter is invalid.',
  305: 'A text-mode parameter is invalid.',
  310: 'No SIM card is inserted.',
  311: 'The SIM card needs its PIN.',
  312: 'The SIM card needs the phone-to-SIM PIN.',
  313: 'The SIM card failed.',
  314: 'The SIM card is busy; try again in a moment.',
  315: 'The SIM card is the wrong one.',
  316: 'The SIM card needs its PUK.',
  317: 'The SIM card needs its PIN2.',
  318: 'The SIM card needs its PUK2.',
  320: 'The message storage failed.',
  321: 'The message storage index is invalid.',
  322: 'The message storage is full.',
  330: 'The SMS service centre address is unknown.',
  331: 'There is no network service.',
  332: 'The network timed out.',
  340: 'No +CNMA acknowledgement was expected.',
  500: 'The modem reported an unknown SMS error.',
};

/** Plain words for a `+CME ERROR` code; unknown codes get a generic sentence with the number. */
export function describeCmeError(code: number): string {
  return (
    CME_ERRORS[code] ??
    `The modem reported error ${code} (+CME ERROR), which this app does not know.`
  );
}

/** Plain words for a `+CMS ERROR` code (SMS-related); unknown codes get a generic sentence. */
export function describeCmsError(code: number): string {
  return (
    CMS_ERRORS[code] ??
    `The modem reported SMS error ${code} (+CMS ERROR), which this app does not know.`
  );
}
