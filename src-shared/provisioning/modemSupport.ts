/**
 * Whether a modem can use the nRF Cloud Provisioning Service at all, from its AT+CGMM model and
 * AT+CGMR firmware: the service needs an nRF91x1 (nRF9161, nRF9151, nRF9131) with modem firmware
 * 2.0.0 or newer (docs/protocol.md §1.2, §14.5). Anything it cannot read counts as supported.
 */

/** `mfw_nrf91x1_2.0.2` → 2; undefined when the text holds no version. */
function majorVersion(revision: string): number | undefined {
  const match = /(\d+)\.\d+\.\d+/.exec(revision);
  return match === null ? undefined : Number(match[1]);
}

/** Why this modem cannot be provisioned, in words; undefined when nothing says it cannot. */
export function modemTooOldReason(model: string, revision: string): string | undefined {
  const chip = /nRF91\d\d/i.exec(model)?.[0];
  if (chip !== undefined && /^nRF9160$/i.test(chip)) {
    return `the modem is an ${chip} (${model.trim()}): the nRF Cloud Provisioning Service needs an nRF91x1 (nRF9161, nRF9151 or nRF9131)`;
  }
  const major = majorVersion(revision);
  if (major !== undefined && major < 2) {
    return `the modem firmware ${revision.trim()} is older than 2.0.0, the first the nRF Cloud Provisioning Service works with`;
  }
  return undefined;
}
