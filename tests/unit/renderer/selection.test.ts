import {
  alternativePorts,
  atPortOf,
  autoSelect,
} from '../../../src-renderer/src/features/devices/selection';
import { adviceFor } from '../../../src-renderer/src/lib/errorAdvice';
import { errorCodes } from '../../../src-shared/ipc/errors';
import { device, snapshot } from './fakeApi';

describe('device selection rules', () => {
  const a = device('001051200001');
  const b = device('001051200002');

  it('uses the kit table AT port, else the first AT-role port, else the first port', () => {
    expect(atPortOf(a)).toBe(a.atPortPath);
    const { atPortPath: _dropped, ...noKitPort } = a;
    expect(atPortOf({ ...noKitPort, ports: [...a.ports].reverse() })).toBe(a.ports[0]!.path);
    expect(atPortOf({ ...noKitPort, ports: [{ path: '/dev/x', role: 'other' }] })).toBe('/dev/x');
  });

  it('keeps a user choice while its device stays, and falls back when it leaves', () => {
    const chosen = { path: b.ports[1]!.path, deviceId: b.id, isUserChoice: true };
    expect(autoSelect(snapshot([a, b]), chosen)).toBe(chosen);
    expect(autoSelect(snapshot([a]), chosen)?.deviceId).toBe(a.id);
    expect(autoSelect(snapshot([a, b]), undefined)).toBeUndefined();
    expect(autoSelect(snapshot([a, b], { lastUsedSerial: b.id }), undefined)?.deviceId).toBe(b.id);
  });

  it('keeps a typed port path whatever the list does', () => {
    const typed = { path: '/dev/pts/3', isUserChoice: true };
    expect(autoSelect(snapshot([]), typed)).toBe(typed);
  });

  it('offers the other ports of the selected device only', () => {
    expect(
      alternativePorts(snapshot([a, b]), {
        path: a.ports[0]!.path,
        deviceId: a.id,
        isUserChoice: false,
      }),
    ).toEqual([a.ports[1]!.path]);
    expect(alternativePorts(snapshot([a]), { path: '/dev/pts/3', isUserChoice: true })).toEqual([]);
  });

  it('gives advice for every error code', () => {
    for (const code of errorCodes)
      expect(adviceFor(code).area).toMatch(/port|session|token|key|cloud|general/);
    expect(adviceFor('API_KEY_REJECTED')).toEqual({ area: 'key', isRetryable: false });
    expect(adviceFor('RATE_LIMITED')).toEqual({ area: 'cloud', isRetryable: true });
  });
});

describe('never offering a board already done', () => {
  const a = device('001051200001');
  const b = device('001051200002');
  const c = device('001051200003');

  it('never preselects a board done this session, even as the last used or the only one', () => {
    const done = new Set([a.id]);
    expect(autoSelect(snapshot([a], { lastUsedSerial: a.id }), undefined, { done })).toBe(
      undefined,
    );
    expect(
      autoSelect(snapshot([a, b], { lastUsedSerial: a.id }), undefined, { done })?.deviceId,
    ).toBe(b.id);
    // An automatic choice of a board that got done is dropped; the user's own click is kept.
    const auto = { path: a.atPortPath!, deviceId: a.id, isUserChoice: false };
    expect(autoSelect(snapshot([a, b]), auto, { done })?.deviceId).toBe(b.id);
    const clicked = { ...auto, isUserChoice: true };
    expect(autoSelect(snapshot([a, b]), clicked, { done })).toBe(clicked);
  });

  it('prefers the newest arrival over the last used board', () => {
    const arrivals = new Map([
      [b.id, 1000],
      [c.id, 2000],
    ]);
    const list = snapshot([a, b, c], { lastUsedSerial: a.id });
    expect(autoSelect(list, undefined, { arrivals })?.deviceId).toBe(c.id);
    expect(autoSelect(list, undefined, { arrivals, done: new Set([c.id]) })?.deviceId).toBe(b.id);
  });
});
