import { readDeviceIdentity } from '../../../../src-main/serial/attest';
import type { FirmwareFamily } from '../../../../src-main/sim/device/deviceSimulator';
import { encodeAttestationToken, randomNonce } from '../../../../src-shared/token/encode';
import { realTokens } from '../../shared/token/tokenFixtures';
import { cleanUp, openScripted, openSimulated, rejectionOf } from './sessionHarness';

afterEach(cleanUp);

const UUID = '0f1e2d3c-4b5a-4697-8877-665544332211';
const FW_UUID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('readDeviceIdentity', () => {
  it.each(['at', 'slm', 'shell'] as FirmwareFamily[])(
    '%s: reads model, firmware, IMEI and the decoded token',
    async (firmware) => {
      const { session, simulator } = await openSimulated({
        firmware,
        deviceUuid: UUID,
        modemFirmwareUuid: FW_UUID,
        deviceType: 3,
      });
      const steps: string[] = [];
      const reading = await readDeviceIdentity(session, { onProgress: (step) => steps.push(step) });
      expect(reading.token.deviceUuid).toBe(UUID);
      expect(reading.token.modemFirmwareUuid).toBe(FW_UUID);
      expect(reading.tokenRaw).toBe(simulator.issuedTokens.at(-1));
      expect(reading.model).toBe('nRF9160-SICA');
      expect(reading.firmware).toBe('mfw_nrf9160_1.3.5');
      expect(reading.imei).toMatch(/^\d{15}$/);
      expect(reading.mode).toBe(session.mode);
      expect(reading.warnings.some((w) => w.includes('nRF9160'))).toBe(true);
      expect(steps).toHaveLength(5);
    },
  );

  it('reports old modem firmware as ATTEST_UNSUPPORTED with the version hint', async () => {
    const { session } = await openSimulated({ firmware: 'at', attestSupported: false });
    const error = await rejectionOf(readDeviceIdentity(session));
    expect(error.code).toBe('ATTEST_UNSUPPORTED');
    expect(error.message).toContain('1.3.0');
    expect(error.message).toContain('2.0.0');
    expect(error.message).toContain('mfw_nrf91x1_2.0.2');
  });

  it('tolerates failing identification commands and still returns the token', async () => {
    const { session } = await openScripted((line) => {
      if (line === 'AT%ATTESTTOKEN') {
        return '%ATTESTTOKEN: "2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY"\r\nOK\r\n';
      }
      if (line === 'AT+CMEE=1') return 'OK\r\n';
      return line === '' ? undefined : '+CME ERROR: 514\r\n';
    });
    const reading = await readDeviceIdentity(session);
    expect(reading.token.deviceUuid).toBe('50363154-3931-44f0-8022-121b6401627d');
    expect(reading.model).toBeUndefined();
    expect(reading.firmware).toBeUndefined();
    expect(reading.imei).toBeUndefined();
    expect('model' in reading).toBe(false);
  });

  it('turns a reply without a token into TOKEN_NOT_FOUND and a damaged token into its token error', async () => {
    let reply = 'OK\r\n';
    const { session } = await openScripted((line) =>
      line === '' ? undefined : line === 'AT%ATTESTTOKEN' ? reply : 'OK\r\n',
    );
    expect((await rejectionOf(readDeviceIdentity(session))).code).toBe('TOKEN_NOT_FOUND');
    reply = '%ATTESTTOKEN: "2dn3hQFQnotatoken"\r\nOK\r\n';
    expect((await rejectionOf(readDeviceIdentity(session))).code).toMatch(/^TOKEN_/);
  });

  describe('two tokens in one reply', () => {
    const A = realTokens[0];
    const B = realTokens[1];
    const replyWith =
      (...tokens: string[]) =>
      (line: string) => {
        if (line === '') return undefined;
        if (line !== 'AT%ATTESTTOKEN') return 'OK\r\n';
        return `${tokens.map((t) => `%ATTESTTOKEN: "${t}"\r\n`).join('')}OK\r\n`;
      };

    it('of two devices is MULTIPLE_TOKENS naming both device UUIDs', async () => {
      const { session } = await openScripted(replyWith(A.token, B.token));
      const error = await rejectionOf(readDeviceIdentity(session));
      expect(error.code).toBe('MULTIPLE_TOKENS');
      expect(error.message).toContain(A.deviceUuid);
      expect(error.message).toContain(B.deviceUuid);
      expect(error.detail).toBe(`${A.token}\n${B.token}`);
    });

    it('with one unreadable is MULTIPLE_TOKENS too, naming the device it can', async () => {
      const { session } = await openScripted(replyWith(A.token, '2dn3hQFQnotatoken.x'));
      const error = await rejectionOf(readDeviceIdentity(session));
      expect(error.code).toBe('MULTIPLE_TOKENS');
      expect(error.message).toContain(A.deviceUuid);
      expect(error.message).toContain('an unreadable token');
    });

    it('the same token twice is read as one', async () => {
      const { session } = await openScripted(replyWith(B.token, B.token));
      const reading = await readDeviceIdentity(session);
      expect(reading.tokenRaw).toBe(B.token);
      expect(reading.token.deviceUuid).toBe(B.deviceUuid);
      expect(reading.warnings.some((w) => w.includes('tokens for the same device'))).toBe(false);
    });

    it('two tokens of the same device: the first is used, with a warning', async () => {
      const fields = { deviceUuid: UUID, deviceType: 4, modemFirmwareUuid: FW_UUID };
      const first = encodeAttestationToken({ ...fields, nonce: randomNonce() });
      const second = encodeAttestationToken({ ...fields, nonce: randomNonce() });
      const { session } = await openScripted(replyWith(first, second));
      const reading = await readDeviceIdentity(session);
      expect(reading.tokenRaw).toBe(first);
      expect(reading.token.deviceUuid).toBe(UUID);
      expect(reading.warnings.some((w) => w.includes('2 tokens for the same device'))).toBe(true);
    });
  });

  it('stops at once when cancelled', async () => {
    const { session } = await openSimulated({ firmware: 'at', replyDelayMs: 200 });
    const controller = new AbortController();
    const reading = readDeviceIdentity(session, { signal: controller.signal });
    controller.abort();
    expect((await rejectionOf(reading)).code).toBe('CANCELLED');
  });
});
