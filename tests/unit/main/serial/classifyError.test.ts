import { classifySerialError } from '../../../../src-main/serial/classifyError';

const PATH = '/dev/ttyACM0';

describe('classifySerialError', () => {
  it.each([
    ['Permission denied, cannot open /dev/ttyACM0', 'PORT_PERMISSION_DENIED'],
    ['Error: Permission denied, cannot open /dev/ttyACM0', 'PORT_PERMISSION_DENIED'],
    ['Error Resource temporarily unavailable Cannot lock port', 'PORT_BUSY'],
    ['Resource temporarily unavailable Cannot lock port', 'PORT_BUSY'],
    ['Opening COM3: Access denied', 'PORT_BUSY'],
    ['File not found', 'PORT_NOT_FOUND'],
    ['Opening COM7: File not found', 'PORT_NOT_FOUND'],
    ['Error: No such file or directory, cannot open /dev/ttyACM0', 'PORT_NOT_FOUND'],
    ['ENOENT: no such file or directory', 'PORT_NOT_FOUND'],
    ['Device not configured', 'PORT_GONE'],
    ['Error: Device not configured, cannot open /dev/tty.usbmodem1101', 'PORT_GONE'],
    ['EIO: i/o error, read', 'PORT_GONE'],
    ['Error: Input/output error, cannot set', 'PORT_GONE'],
    ['the device has been removed', 'PORT_GONE'],
    ['Error: Invalid argument, cannot open /dev/ttyACM0', 'PORT_OPEN_FAILED'],
    ['something nobody expected', 'PORT_OPEN_FAILED'],
  ])('%j -> %s, raw text kept', (raw, code) => {
    const result = classifySerialError(new Error(raw), PATH);
    expect(result.code).toBe(code);
    expect(result.detail).toContain(raw);
    expect(result.message).toContain(PATH);
  });

  it('uses the errno code when the message lacks it', () => {
    const err = Object.assign(new Error('open failed'), { code: 'ENOENT' });
    expect(classifySerialError(err, PATH)).toMatchObject({
      code: 'PORT_NOT_FOUND',
      detail: 'open failed (ENOENT)',
    });
  });

  it('accepts strings and other values', () => {
    expect(classifySerialError('Permission denied', PATH).code).toBe('PORT_PERMISSION_DENIED');
    expect(classifySerialError({ weird: true }, PATH)).toMatchObject({
      code: 'PORT_OPEN_FAILED',
      detail: '{"weird":true}',
    });
    expect(classifySerialError(undefined, PATH).code).toBe('PORT_OPEN_FAILED');
  });

  it('does not read EIO out of a longer word', () => {
    expect(classifySerialError(new Error('STEREO mismatch'), PATH).code).toBe('PORT_OPEN_FAILED');
  });
});
