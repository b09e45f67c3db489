import { luhnCheckDigit } from '../../../../src-main/sim/device/options';
import { startDevice, tokenFields, TOKEN_PATTERN } from './simHarness';

const UUID = '0badcafe-1234-4567-89ab-cdef01234567';

describe('AT host firmware (docs/protocol.md §2.A)', () => {
  it('answers AT%ATTESTTOKEN with the info line and OK, no echo', () => {
    const dev = startDevice({ firmware: 'at', deviceUuid: UUID, deviceType: 4 });
    dev.send('AT%ATTESTTOKEN\r\n');
    const [token] = dev.sim.issuedTokens;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(dev.text()).toBe(`%ATTESTTOKEN: "${token}"\r\nOK\r\n`);
    expect(tokenFields(token ?? '')).toMatchObject({ deviceUuid: UUID, deviceType: 4 });
  });

  it.each([
    ['CR', 'AT\r'],
    ['LF', 'AT\n'],
    ['CRLF', 'AT\r\n'],
    ['LFCR', 'AT\n\r'],
  ])('ends a command with %s and answers it exactly once', (_name, line) => {
    const dev = startDevice({ firmware: 'at' });
    dev.send(line);
    expect(dev.text()).toBe('OK\r\n');
  });

  it('handles mixed endings and commands split over many writes', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('AT\rAT+CGMI\nAT');
    dev.send('+CGMM\r');
    dev.send('\n');
    expect(dev.text()).toBe('OK\r\nNordic Semiconductor ASA\r\nOK\r\nnRF9151-LACA\r\nOK\r\n');
  });

  it('ignores empty lines', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('\r\n\r\n\n\r');
    expect(dev.text()).toBe('');
  });

  it('does not end a command inside quotes', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('AT%ATTESTTOKEN="00112233\r445566778899aabbccddeeff"\r\n');
    // The CR became part of the argument, so the nonce is invalid: one ERROR, not two replies.
    expect(dev.text()).toBe('ERROR\r\n');
  });

  it('does not understand the shell prefix `at `', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('at AT%ATTESTTOKEN\r\n');
    expect(dev.text()).toBe('ERROR\r\n');
    expect(dev.sim.issuedTokens).toHaveLength(0);
  });

  it('is case-insensitive', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('at%attesttoken\r\n');
    expect(dev.text()).toMatch(/^%ATTESTTOKEN: "[^"]+"\r\nOK\r\n$/);
  });

  it('draws a fresh nonce per call, same device UUID', () => {
    const dev = startDevice({ firmware: 'at', deviceUuid: UUID });
    dev.send('AT%ATTESTTOKEN\r\nAT%ATTESTTOKEN\r\n');
    const [a = '', b = ''] = dev.sim.issuedTokens;
    expect(a).not.toBe(b);
    expect(tokenFields(a).nonceHex).not.toBe(tokenFields(b).nonceHex);
    expect(tokenFields(a).deviceUuid).toBe(tokenFields(b).deviceUuid);
  });

  it('uses a given nonce', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('AT%ATTESTTOKEN="000102030405060708090A0B0C0D0E0F"\r\n');
    expect(tokenFields(dev.sim.issuedTokens[0] ?? '').nonceHex).toBe(
      '000102030405060708090a0b0c0d0e0f',
    );
  });

  it('old modem firmware: ERROR, then +CME ERROR: 0 after AT+CMEE=1', () => {
    const dev = startDevice({ firmware: 'at', attestSupported: false });
    dev.send('AT%ATTESTTOKEN\r\n');
    expect(dev.take()).toBe('ERROR\r\n');
    dev.send('AT+CMEE=1\r\nAT+CMEE?\r\nAT%ATTESTTOKEN\r\n');
    expect(dev.take()).toBe('OK\r\n+CMEE: 1\r\nOK\r\n+CME ERROR: 0\r\n');
    dev.send('AT+CMEE=0\r\nAT%ATTESTTOKEN\r\n');
    expect(dev.take()).toBe('OK\r\nERROR\r\n');
  });

  it('unknown commands: ERROR, or +CME ERROR: 0 with CMEE=1; malformed lines always ERROR', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('AT+NOSUCH\r\n');
    expect(dev.take()).toBe('ERROR\r\n');
    dev.send('AT+CMEE=1\r\nAT+NOSUCH\r\nHELLO\r\nAT+CGSN=7\r\n');
    expect(dev.take()).toBe('OK\r\n+CME ERROR: 0\r\nERROR\r\n+CME ERROR: 50\r\n');
  });

  it('first command after power-up fails when the quirk is on, and again after a power cycle', () => {
    const dev = startDevice({ firmware: 'at', firstCommandError: true });
    dev.send('AT\r\nAT\r\n');
    expect(dev.take()).toBe('ERROR\r\nOK\r\n');
    dev.sim.start();
    dev.send('AT\r\n');
    expect(dev.take()).toBe('ERROR\r\n');
  });

  it('answers the identification commands', () => {
    const dev = startDevice({ firmware: 'at', deviceType: 3, imei: '352656100000005' });
    dev.send(
      'AT+CGMM\r\nAT+CGMR\r\nAT+CGMI\r\nAT%HWVERSION\r\nAT+CGSN\r\nAT+CGSN=1\r\nAT+CFUN?\r\nAT+CEREG?\r\n',
    );
    expect(dev.text()).toBe(
      [
        'nRF9160-SICA\r\nOK\r\n',
        'mfw_nrf9160_1.3.5\r\nOK\r\n',
        'Nordic Semiconductor ASA\r\nOK\r\n',
        '%HWVERSION: nRF9160 SICA B1A\r\nOK\r\n',
        '352656100000005\r\nOK\r\n',
        '+CGSN: "352656100000005"\r\nOK\r\n',
        '+CFUN: 1\r\nOK\r\n',
        '+CEREG: 0,5\r\nOK\r\n',
      ].join(''),
    );
  });

  it('gives a 15-digit IMEI with a valid Luhn digit by default', () => {
    const dev = startDevice({ firmware: 'at' });
    dev.send('AT+CGSN\r\n');
    const imei = dev.text().split('\r\n')[0] ?? '';
    expect(imei).toMatch(/^\d{15}$/);
    expect(luhnCheckDigit(imei.slice(0, 14))).toBe(Number(imei[14]));
  });

  it('prints nothing at all when silent', () => {
    const dev = startDevice({
      firmware: 'at',
      silent: true,
      bootOutput: true,
      unsolicitedEveryMs: 10,
    });
    dev.send('AT\r\nAT%ATTESTTOKEN\r\n');
    dev.clock.advance(100);
    expect(dev.text()).toBe('');
  });

  it('ignores input while powered off', () => {
    const dev = startDevice({ firmware: 'at' }, { start: false });
    dev.send('AT\r\n');
    expect(dev.text()).toBe('');
    dev.sim.start();
    dev.send('AT\r\n');
    expect(dev.text()).toBe('OK\r\n');
  });
});
