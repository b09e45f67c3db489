/** Device types carried in part 1 of the attestation token (docs/protocol.md §1). */
export const deviceTypeNames: Readonly<Record<number, string>> = Object.freeze({
  1: 'nRF9160 SIAA',
  2: 'nRF9160 SIBA',
  3: 'nRF9160 SICA',
  4: 'nRF9161 LACA',
  5: 'nRF9131 LACA',
  6: 'nRF9151 LACA',
});

/** The SiP name of a device type, or `unknown type <n>` for a type newer than this table. */
export function deviceTypeName(deviceType: number): string {
  return deviceTypeNames[deviceType] ?? `unknown type ${deviceType}`;
}

/** True for the three nRF9160 variants (types 1 to 3). */
export function isNrf9160Type(deviceType: number): boolean {
  return deviceType >= 1 && deviceType <= 3;
}

/** True for the nRF9161, nRF9131 and nRF9151 (types 4 to 6). */
export function isNrf91x1Type(deviceType: number): boolean {
  return deviceType >= 4 && deviceType <= 6;
}
