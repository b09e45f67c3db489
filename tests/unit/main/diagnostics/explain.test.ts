import { explainError } from '../../../../src-main/diagnostics/explain';
import type { AppErrorData, ErrorCode } from '../../../../src-shared/ipc/errors';
import { classifySerialError } from '../../../../src-main/serial/classifyError';

const err = (code: ErrorCode, message: string, detail?: string): AppErrorData =>
  detail === undefined ? { code, message } : { code, message, detail };

describe('explainError', () => {
  it.each([
    ['linux', /dialout/, 'sudo usermod -aG dialout $USER'],
    ['win32', /another program|stale handle/i, undefined],
    ['darwin', /another program/i, undefined],
  ] as const)('permission denied on %s', (platform, cause, fixCommand) => {
    const e = explainError(
      err('PORT_PERMISSION_DENIED', 'Permission denied, cannot open /dev/ttyACM0'),
      { platform },
    );
    expect(`${e.cause} ${e.fix}`).toMatch(cause);
    expect(e.fixCommand).toBe(fixCommand);
    expect(e.title).toContain(
      platform === 'linux' || platform === 'darwin' ? '/dev/ttyACM0' : 'ttyACM0',
    );
  });

  it('uses the group the doctor found on Linux', () => {
    const e = explainError(err('PORT_PERMISSION_DENIED', 'denied'), {
      platform: 'linux',
      path: '/dev/ttyACM1',
      group: 'uucp',
    });
    expect(e.fixCommand).toBe('sudo usermod -aG uucp $USER');
    expect(e.title).toContain('/dev/ttyACM1');
  });

  it('names the holder of a busy port when known', () => {
    const e = explainError(err('PORT_BUSY', 'Resource temporarily unavailable Cannot lock port'), {
      platform: 'linux',
      path: '/dev/ttyACM0',
      holders: [{ pid: 1234, command: 'minicom', user: 'ann' }],
    });
    expect(e.cause).toContain('minicom (pid 1234, user ann)');
  });

  it('busy without holders tells what to close, and on Windows to replug', () => {
    const linux = explainError(err('PORT_BUSY', 'x'), { platform: 'linux', path: '/dev/ttyACM0' });
    const win = explainError(err('PORT_BUSY', 'Opening COM3: Access denied'), {
      platform: 'win32',
    });
    expect(linux.fix).toMatch(/nRF Connect Serial Terminal/);
    expect(linux.cause).not.toMatch(/pid/);
    expect(win.title).toContain('COM3');
    expect(win.fix).toMatch(/unplug/i);
    expect(win.cause).toMatch(/stale handle/);
  });

  it.each(['PORT_NOT_FOUND', 'PORT_GONE'] as const)(
    '%s points at cable, replug and power switch',
    (code) => {
      const e = explainError(err(code, 'File not found'), {
        platform: 'linux',
        path: '/dev/ttyACM0',
      });
      expect(e.fix).toMatch(/cable/);
      expect(e.fix).toMatch(/replug/);
      expect(e.fix).toMatch(/power switch/);
    },
  );

  it('explains macOS re-enumeration separately', () => {
    const e = explainError(err('PORT_GONE', 'Device not configured'), {
      platform: 'darwin',
      path: '/dev/cu.usbmodem1',
    });
    expect(e.cause).toMatch(/re-enumerates/);
    const linux = explainError(err('PORT_GONE', 'Device not configured'), { platform: 'linux' });
    expect(linux.cause).not.toMatch(/re-enumerates/);
  });

  it('no answer suggests the other port, power and firmware without AT', () => {
    const e = explainError(err('NO_ANSWER', 'No answer'), {
      platform: 'linux',
      path: '/dev/ttyACM2',
    });
    expect(e.cause).toMatch(/wrong port/);
    expect(e.cause).toMatch(/off/);
    expect(e.cause).toMatch(/no AT interface/);
    expect(e.cause).toMatch(/ModemManager/);
    expect(e.fix).toMatch(/other port/);
    const mac = explainError(err('NO_ANSWER', 'No answer'), { platform: 'darwin' });
    expect(mac.cause).not.toMatch(/ModemManager/);
  });

  it.each([
    ['518', /active/, /CFUN=4/],
    ['514', /not allowed/, /Try again/],
  ])('reads CME ERROR %s', (n, cause, fix) => {
    const e = explainError(err('AT_CME_ERROR', `+CME ERROR: ${n}`), { platform: 'linux' });
    expect(e.title).toContain(`+CME ERROR: ${n}`);
    expect(e.cause).toMatch(cause);
    expect(e.fix).toMatch(fix);
  });

  it('CME ERROR 0 is an unknown command first; firmware only if the spelling is right', () => {
    const e = explainError(err('AT_CME_ERROR', 'AT+CGMX ... +CME ERROR: 0'), { platform: 'linux' });
    expect(e.title).toBe('The modem does not know this command');
    expect(e.cause).toMatch(/mistyped/);
    expect(e.fix).toMatch(/^Check the spelling.*Only if the command is right, update/);
  });

  it('a bare ERROR gives no firmware advice (the token command has its own verdict)', () => {
    const e = explainError(err('AT_ERROR', 'The modem answered ERROR to AT+CGMX.'), {
      platform: 'linux',
    });
    expect(`${e.cause} ${e.fix}`).not.toMatch(/firmware|ATTESTTOKEN/);
    expect(e.cause).toMatch(/mistyped/);
  });

  it.each<[ErrorCode, RegExp]>([
    ['AT_ERROR', /power cycle/],
    ['ATTEST_UNSUPPORTED', /1\.3\.0/],
    ['SHELL_COMMAND_FAILED', /shell/],
    ['GARBLED_INPUT', /baud/],
    ['COMMAND_TIMEOUT', /started to answer, so this is the AT port/],
    ['DEVICE_WENT_SILENT', /This is the AT port: the device answered commands on it/],
    ['PORT_OPEN_FAILED', /boom/],
  ])('%s has a specific cause', (code, cause) => {
    const e = explainError(err(code, 'msg', 'boom'), { platform: 'linux' });
    expect(e.cause).toMatch(cause);
    expect(e.fix.length).toBeGreaterThan(10);
  });

  it('falls back to the message for other codes', () => {
    const e = explainError(err('SERVER_ERROR', 'Too many requests', 'retry later'), {
      platform: 'linux',
    });
    expect(e).toEqual({
      title: 'Too many requests',
      cause: 'retry later',
      fix: expect.stringMatching(/support bundle/),
    });
  });

  it.each([
    'API_KEY_MISSING',
    'API_KEY_MALFORMED',
    'API_KEY_REJECTED',
    'ROLE_CANNOT_CLAIM',
    'RATE_LIMITED',
    'CLAIM_TOKEN_INVALID',
    'CLAIMED_BY_OTHER',
  ] as const)("%s: main's message says it all, so no second cause or fix", (code) => {
    const e = explainError(err(code, 'What happened, why, and what to do.'), { platform: 'linux' });
    expect(e).toEqual({ title: 'What happened, why, and what to do.', cause: '', fix: '' });
  });
});

describe('explainError over the serial classifier (docs/protocol.md §3 raw strings)', () => {
  // [raw error text, platform, expected code, a phrase the cause or fix must contain]
  const table: Array<[string, NodeJS.Platform, ErrorCode, RegExp, string | undefined]> = [
    [
      'Error: Permission denied, cannot open /dev/ttyACM0',
      'linux',
      'PORT_PERMISSION_DENIED',
      /dialout/,
      'sudo usermod -aG dialout $USER',
    ],
    [
      'Error Resource temporarily unavailable Cannot lock port',
      'linux',
      'PORT_BUSY',
      /nRF Connect Serial Terminal/,
      undefined,
    ],
    ['Opening COM3: Access denied', 'win32', 'PORT_BUSY', /stale handle/, undefined],
    ['Opening COM3: File not found', 'win32', 'PORT_NOT_FOUND', /power switch/, undefined],
    [
      'Error: No such file or directory, cannot open /dev/ttyACM0',
      'linux',
      'PORT_NOT_FOUND',
      /replug/,
      undefined,
    ],
    [
      'Error: Device not configured, cannot open /dev/cu.usbmodem0010509123451',
      'darwin',
      'PORT_GONE',
      /re-enumerates/,
      undefined,
    ],
    ['Error: Device not configured', 'linux', 'PORT_GONE', /cable/, undefined],
    [
      'Error: Unknown error code 31',
      'win32',
      'PORT_OPEN_FAILED',
      /Unknown error code 31/,
      undefined,
    ],
  ];

  it.each(table)('%s (%s) -> %s', (raw, platform, code, phrase, fixCommand) => {
    const path = /COM\d|\/dev\/[\w.]+/.exec(raw)?.[0] ?? '/dev/ttyACM0';
    const data = classifySerialError(new Error(raw), path);
    expect(data.code).toBe(code);
    const e = explainError(data, { platform, path });
    expect(`${e.cause} ${e.fix}`).toMatch(phrase);
    expect(e.fixCommand).toBe(fixCommand);
    expect(e.title).toContain(path);
  });
});

describe('explainError for answers that do not come from nRF Cloud', () => {
  it.each([
    ['CLOUD_URL_NOT_ALLOWED', /not an nRF Cloud server/, /ONBOARDER_ALLOW_CLOUD_URL/],
    ['CLOUD_REDIRECT_REFUSED', /redirected/, /captive portal/],
    ['RESPONSE_TOO_LARGE', /too large/, /proxy/],
  ] as const)('%s has its own cause and fix', (code, title, text) => {
    const e = explainError(err(code, 'the message'), { platform: 'linux' });
    expect(e.title).toMatch(title);
    expect(`${e.cause} ${e.fix}`).toMatch(text);
  });
});
