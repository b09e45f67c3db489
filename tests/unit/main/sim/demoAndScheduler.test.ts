import { luhnCheckDigit } from '../../../../src-main/sim/device/options';
import { ManualScheduler } from '../../../../src-main/sim/device/scheduler';
import { demoPorts } from '../../../../src-main/sim/transports/demoPorts';
import { latin1, tokenFields } from './simHarness';

describe('demoPorts', () => {
  it('has two kits with two ports each, the AT port first, distinct device UUIDs and valid IMEIs', () => {
    const clock = new ManualScheduler();
    const ports = demoPorts(clock);
    expect(
      ports.map((p) => [p.path, p.info.pnpId?.slice(-5), p.simulator?.options.firmware]),
    ).toEqual([
      ['/dev/ttyACM0', '-if00', 'at'],
      ['/dev/ttyACM1', '-if01', undefined],
      ['/dev/ttyACM2', '-if00', 'shell'],
      ['/dev/ttyACM3', '-if01', undefined],
    ]);
    const devices = ports.flatMap((p) => (p.simulator ? [p.simulator] : []));
    const tokens: string[] = [];
    const imeis: string[] = [];
    for (const sim of devices) {
      let out = '';
      sim.onOutput((b) => (out += latin1(b)));
      sim.start();
      const prefix = sim.options.firmware === 'shell' ? 'at ' : '';
      sim.receive(Buffer.from(`${prefix}AT+CGSN\r\n${prefix}AT%ATTESTTOKEN\r\n`));
      clock.advance(1000);
      imeis.push(/(\d{15})\r/.exec(out)?.[1] ?? '');
      tokens.push(sim.issuedTokens[0] ?? '');
      sim.stop();
    }
    const uuids = tokens.map((t) => tokenFields(t).deviceUuid);
    expect(new Set(uuids).size).toBe(2);
    expect(new Set(imeis).size).toBe(2);
    for (const imei of imeis) expect(luhnCheckDigit(imei.slice(0, 14))).toBe(Number(imei[14]));
  });
});

describe('ManualScheduler', () => {
  it('fires timers in due order, including ones set by callbacks, and honours clearTimer', () => {
    const s = new ManualScheduler();
    const log: string[] = [];
    s.setTimer(() => log.push('b'), 20);
    const cancelled = s.setTimer(() => log.push('x'), 15);
    s.setTimer(() => {
      log.push('a');
      s.setTimer(() => log.push('c'), 15);
    }, 10);
    s.clearTimer(cancelled);
    s.advance(24);
    expect(log).toEqual(['a', 'b']);
    expect(s.now()).toBe(24);
    s.advance(1);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(s.pendingCount).toBe(0);
  });
});
