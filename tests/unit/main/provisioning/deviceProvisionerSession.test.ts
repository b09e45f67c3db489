/** The provisioner over a real AtSession: the session's queue and framing, not a fake's. */
import {
  detectFamily,
  startDeviceProvisioning,
} from '../../../../src-main/provisioning/deviceProvisioner';
import type { ProvisioningEvent } from '../../../../src-shared/provisioning/model';
import { summarize } from '../../shared/provisioning/lineForms';
import { cleanUp, openScripted, openSimulated } from '../serial/sessionHarness';

afterEach(cleanUp);

describe('deviceProvisioner over AtSession', () => {
  it('queues AT+CFUN=4 behind a command in flight when #XNRFPROV: 1 arrives during it', async () => {
    const { session, transcript } = await openScripted((line, emit) => {
      if (line === '') return undefined;
      if (line === 'AT+CFUN?') return '\r\n+CFUN: 1\r\n\r\nOK\r\n';
      if (line === 'AT+CGSN') {
        // The notification comes first, the reply to the command in flight 20 ms later.
        emit('\r\n#XNRFPROV: 1\r\n');
        setTimeout(() => emit('\r\n351234567890123\r\n\r\nOK\r\n'), 20);
        return undefined;
      }
      return '\r\nOK\r\n';
    });
    await session.send('AT');
    expect(session.mode).toBe('slm');
    const events: ProvisioningEvent[] = [];
    let onLte: () => void = () => undefined;
    const lteSeen = new Promise<void>((resolve) => (onLte = resolve));
    const run = await startDeviceProvisioning({
      session,
      detection: { family: 'serial-modem', reason: 'test' },
      onEvent: (e) => {
        events.push(e);
        if (e.kind === 'lte') onLte();
      },
    });
    const cgsn = await session.send('AT+CGSN');
    expect(cgsn.lines).toEqual(['351234567890123']);
    await lteSeen;
    const wire = transcript.filter((e) => e.dir !== 'note');
    const order = wire
      .slice(wire.findIndex((e) => e.text === 'AT#XNRFPROV'))
      .map((e) => `${e.dir} ${e.text}`)
      .filter((t) => /AT\+CGSN|AT\+CFUN|OK|351234567890123|#XNRFPROV/.test(t));
    expect(order).toEqual([
      'tx AT#XNRFPROV',
      'rx OK',
      'tx AT+CGSN',
      'rx #XNRFPROV: 1',
      'rx 351234567890123',
      'rx OK',
      'tx AT+CFUN=4',
      'rx OK',
    ]);
    expect(events.map(summarize)).toEqual([
      'stage:triggered',
      'host-action:lte-offline',
      'lte:down',
    ]);
    run.stop();
  });

  it('detects the simulated multi-service shell (help without a provisioning client) as none', async () => {
    const { session, notes } = await openSimulated({
      firmware: 'shell',
      provisioning: { client: false },
    });
    await session.send('AT');
    const found = await detectFamily(session);
    expect(found.family).toBe('none');
    expect(found.reason).toMatch(/lists neither nrf_provisioning nor att_cloud/);
    expect(notes().at(-1)).toMatch(/^provisioning client: none, because /);
  });

  it('detects simulated AT-host firmware as at-host from its ERROR to AT#XNRFPROV=?', async () => {
    const { session } = await openSimulated({ firmware: 'at' });
    await session.send('AT');
    expect((await detectFamily(session)).family).toBe('at-host');
  });
});
