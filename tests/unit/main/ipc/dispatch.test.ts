import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { invoke, returns } from '../../../../src-shared/ipc/contract';
import { AppError } from '../../../../src-shared/ipc/errors';
import { dispatch, type HandlerTable } from '../../../../src-main/ipc/dispatch';

const testContract = {
  openPort: invoke(
    'serial:open-port',
    z.object({ path: z.string().min(1), baudRate: z.number().int() }).strict(),
    returns<string>(),
  ),
  explode: invoke('serial:explode-now', z.object({}).strict(), returns<void>()),
  refuse: invoke('serial:refuse-now', z.object({}).strict(), returns<void>()),
} as const;

const table: HandlerTable<typeof testContract> = {
  openPort: ({ path, baudRate }) => `${path}@${baudRate}`,
  explode: () => {
    throw new TypeError(
      'cannot read properties of undefined (key 0123456789abcdef0123456789abcdef01234567)',
    );
  },
  refuse: async () => {
    throw new AppError('PORT_BUSY', 'Port is busy', 'Cannot lock port');
  },
};

describe('dispatch', () => {
  it('passes parsed input to the handler and wraps the value', async () => {
    await expect(
      dispatch(testContract, table, 'serial:open-port', { path: '/dev/ttyACM0', baudRate: 115200 }),
    ).resolves.toEqual({
      ok: true,
      value: '/dev/ttyACM0@115200',
    });
  });

  it.each([
    ['missing field', { path: '/dev/ttyACM0' }],
    ['wrong type', { path: '/dev/ttyACM0', baudRate: '115200' }],
    ['extra field', { path: '/dev/ttyACM0', baudRate: 1, evil: true }],
    ['not an object', 'open please'],
    ['undefined', undefined],
  ])(
    'rejects a malformed payload (%s) with VALIDATION_FAILED and never calls the handler',
    async (_name, input) => {
      const spy = vi.fn();
      const result = await dispatch(
        testContract,
        { ...table, openPort: spy },
        'serial:open-port',
        input,
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('turns an unexpected exception into INTERNAL data, redacted, and reports it', async () => {
    const onUnexpected = vi.fn();
    const result = await dispatch(testContract, table, 'serial:explode-now', {}, { onUnexpected });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).not.toContain('0123456789abcdef0123456789abcdef01234567');
    }
    expect(onUnexpected).toHaveBeenCalledWith('serial:explode-now', expect.any(TypeError));
  });

  it('keeps the code and detail of an AppError', async () => {
    await expect(dispatch(testContract, table, 'serial:refuse-now', {})).resolves.toEqual({
      ok: false,
      error: { code: 'PORT_BUSY', message: 'Port is busy', detail: 'Cannot lock port' },
    });
  });

  it('reports every finished call with its outcome, for the log', async () => {
    const onResult = vi.fn();
    await dispatch(testContract, table, 'serial:refuse-now', {}, { onResult });
    await dispatch(
      testContract,
      table,
      'serial:open-port',
      { path: 'x', baudRate: 1 },
      { onResult },
    );
    expect(onResult.mock.calls.map(([channel, result]) => [channel, result.ok])).toEqual([
      ['serial:refuse-now', false],
      ['serial:open-port', true],
    ]);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const result = await dispatch(testContract, table, 'serial:format-disk', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
