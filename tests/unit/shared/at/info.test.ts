import {
  compareVersions,
  hasValidLuhn,
  parseFirmware,
  parseHwVersion,
  parseImei,
  parseModel,
} from '../../../../src-shared/at/info';

// Replies as the three firmware families frame them (docs/protocol.md §2).
describe('parseModel (AT+CGMM)', () => {
  it.each([
    [['nRF9160-SICA', 'OK'], 'nRF9160-SICA'],
    [['', 'nRF9151-LACA', '', 'OK'], 'nRF9151-LACA'],
    [['at AT+CGMM', 'nRF9161-LACA', 'OK', ''], 'nRF9161-LACA'],
    [['+CEREG: 2', '  nRF9131-LACA  ', 'OK'], 'nRF9131-LACA'],
    [['+CGMM: "nRF9160-SIBA"', 'OK'], 'nRF9160-SIBA'],
    [['[00:00:01.000,000] <inf> app: nRF9160-SICA'], undefined],
    [['AT+CGMM', 'ERROR'], undefined],
    [[], undefined],
  ])('%j -> %s', (lines, expected) => {
    expect(parseModel(lines)).toBe(expected);
  });
});

describe('parseFirmware (AT+CGMR)', () => {
  it.each([
    [
      ['mfw_nrf9160_1.3.2', 'OK'],
      { raw: 'mfw_nrf9160_1.3.2', family: 'nrf9160', version: [1, 3, 2] },
    ],
    [
      ['', 'mfw_nrf91x1_2.0.2', '', 'OK'],
      { raw: 'mfw_nrf91x1_2.0.2', family: 'nrf91x1', version: [2, 0, 2] },
    ],
    [
      ['at AT+CGMR', 'MFW_NRF9160_1.3.5', 'OK'],
      { raw: 'MFW_NRF9160_1.3.5', family: 'nrf9160', version: [1, 3, 5] },
    ],
    [
      ['mfw_nrf9160_1.3.0-FOTA-TEST'],
      { raw: 'mfw_nrf9160_1.3.0-FOTA-TEST', family: 'nrf9160', version: [1, 3, 0] },
    ],
    [
      ['+CGMR: "mfw_nrf91x1_2.0.10"'],
      { raw: 'mfw_nrf91x1_2.0.10', family: 'nrf91x1', version: [2, 0, 10] },
    ],
    [['ERROR'], undefined],
    [['mfw_nrf9160'], undefined],
    [[], undefined],
  ])('%j', (lines, expected) => {
    expect(parseFirmware(lines)).toEqual(expected);
  });
});

describe('parseImei (AT+CGSN)', () => {
  it.each([
    [['352656100367872', 'OK'], '352656100367872'],
    [['', '490154203237518', '', 'OK'], '490154203237518'],
    [['+CGSN: "356938035643809"', 'OK'], '356938035643809'],
    [['at AT+CGSN', '  352656100367872 ', 'OK'], '352656100367872'],
    [['352656100367873', 'OK'], undefined], // wrong check digit
    [['35265610036787', 'OK'], undefined], // 14 digits
    [['3526561003678720', 'OK'], undefined], // 16 digits
    [['ERROR'], undefined],
    [[], undefined],
  ])('%j -> %s', (lines, expected) => {
    expect(parseImei(lines)).toBe(expected);
  });

  it('checks Luhn digits', () => {
    expect(hasValidLuhn('79927398713')).toBe(true);
    for (let digit = 0; digit <= 9; digit++) {
      if (digit !== 3) expect(hasValidLuhn(`7992739871${digit}`)).toBe(false);
    }
    expect(hasValidLuhn('')).toBe(false);
    expect(hasValidLuhn('12a')).toBe(false);
  });
});

describe('parseHwVersion (AT%HWVERSION)', () => {
  it.each([
    [['%HWVERSION: nRF9161 LACA A0A', 'OK'], 'nRF9161 LACA A0A'],
    [['', '%hwversion:nRF9160 SICA B1A', 'OK'], 'nRF9160 SICA B1A'],
    [['%HWVERSION: "nRF9151 LACA A0"'], 'nRF9151 LACA A0'],
    [['%HWVERSION: '], undefined],
    [['ERROR'], undefined],
  ])('%j -> %s', (lines, expected) => {
    expect(parseHwVersion(lines)).toBe(expected);
  });
});

describe('compareVersions', () => {
  it.each([
    [[1, 3, 2], [2, 0, 0], -1],
    [[2, 0, 0], [2, 0, 0], 0],
    [[2, 0, 10], [2, 0, 9], 1],
    [[1, 3], [1, 3, 0], 0],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
