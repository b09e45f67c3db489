/**
 * The assembled main process (createAppServices) driven through the same dispatch the preload
 * and the e2e harness use: simulated devices on real ptys and the local nRF Cloud.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/ipc/index';
import { dispatch } from '../../src-main/ipc/dispatch';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { callValue, createTestApp, type TestApp } from '../support/testServices';

const UUID = '6f1d2c3b-4a59-4e68-9d7c-0b1a2f3e4d5c';
const dk = {
  serialNumber: '001051234567',
  vendorId: '1366',
  productId: '1059',
  manufacturer: 'SEGGER',
};

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

const call = <T>(channel: string, input: unknown): Promise<T> => callValue<T>(app!, channel, input);

describe('the assembled services', () => {
  it('lists a kit, connects, reads a token that is journaled before it is returned, then claims it', async () => {
    app = await createTestApp({
      ports: [
        {
          info: { ...dk, pnpId: 'usb-SEGGER_J-Link_001051234567-if00' },
          simulator: { firmware: 'shell', deviceUuid: UUID, deviceType: 6 },
        },
      ],
    });
    const snapshot = await call<{ devices: Array<{ name: string; atPortPath?: string }> }>(
      'serial:list-devices',
      {},
    );
    expect(snapshot.devices.map((d) => d.name)).toEqual(['nRF9151 DK']);
    const path = snapshot.devices[0]!.atPortPath!;

    const connected = await call<{ sessionId: string; mode: string; modeDescription: string }>(
      'serial:open-session',
      { path, deviceSerial: dk.serialNumber },
    );
    expect(connected.mode).toBe('shell');
    expect(connected.modeDescription).toContain('`at `');

    const attest = await call<{
      journalId: string;
      token: string;
      decoded: { deviceUuid: string };
    }>('serial:read-token', { sessionId: connected.sessionId, requestId: 'r1' });
    expect(attest.decoded.deviceUuid).toBe(UUID);
    const journalText = readFileSync(join(app.dataDir, 'token-journal.jsonl'), 'utf8');
    expect(journalText).toContain(attest.token);
    expect(app.settings.getLastUsedDeviceSerial()).toBe(dk.serialNumber);

    const keys = await call<{ teamName: string; maskedKey: string }>('cloud:add-api-key', {
      apiKey: `  ${FAKE_DEMO_KEY}\n`,
    });
    expect(keys.teamName).toBe('Demo Team');
    expect(JSON.stringify(keys)).not.toContain(FAKE_DEMO_KEY);
    expect(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).not.toContain(FAKE_DEMO_KEY);

    const dry = await call<{ claimable: boolean }>('cloud:dry-run', {
      journalId: attest.journalId,
      requestId: 'r2',
    });
    expect(dry.claimable).toBe(true);
    const claim = await call<{ deviceId: string; alreadyClaimedByYou: boolean }>(
      'cloud:claim-device',
      { journalId: attest.journalId, requestId: 'r3' },
    );
    expect(claim).toMatchObject({ deviceId: UUID, alreadyClaimedByYou: false });
    const again = await call<{ alreadyClaimedByYou: boolean }>('cloud:claim-device', {
      journalId: attest.journalId,
      requestId: 'r4',
    });
    expect(again.alreadyClaimedByYou).toBe(true);
    const journal = await call<Array<{ claimStatus: string; teamName?: string }>>(
      'journal:list-journal',
      {},
    );
    expect(journal).toMatchObject([{ claimStatus: 'already-claimed', teamName: 'Demo Team' }]);
  });

  it.each([
    `Bearer ${FAKE_DEMO_KEY}`,
    `"${FAKE_DEMO_KEY}"`,
    `\u201c${FAKE_DEMO_KEY}\u201d\n`,
    `  'Bearer ${FAKE_DEMO_KEY}'\r\n`,
  ])('the window accepts the key pasted as %j and stores the bare key', async (apiKey) => {
    app = await createTestApp();
    const keys = await call<{ hasApiKey: boolean; teamName: string }>('cloud:add-api-key', {
      apiKey,
    });
    expect(keys).toMatchObject({ hasApiKey: true, teamName: 'Demo Team' });
    // The stored key is the bare one: nRF Cloud accepts it on the next call.
    const { realToken } = await import('../unit/shared/token/tokenFixtures');
    const { entry } = await call<{ entry: { id: string } }>('journal:add-token', {
      text: realToken,
    });
    const dry = await call<{ claimable: boolean }>('cloud:dry-run', {
      journalId: entry.id,
      requestId: 'r1',
    });
    expect(dry.claimable).toBe(true);
  });

  it('a token pasted again is not journaled twice, and the answer says since when it is there', async () => {
    app = await createTestApp();
    const { realToken } = await import('../unit/shared/token/tokenFixtures');
    const first = await call<{ entry: { id: string; readAt: string }; alreadySince?: string }>(
      'journal:add-token',
      { text: realToken },
    );
    expect(first.alreadySince).toBeUndefined();
    // The same token, pasted as an AT reply line this time.
    const again = await call<{ entry: { id: string }; alreadySince?: string }>(
      'journal:add-token',
      { text: `%ATTESTTOKEN: "${realToken}"` },
    );
    expect(again).toMatchObject({
      entry: { id: first.entry.id },
      alreadySince: first.entry.readAt,
    });
    expect(again.alreadySince).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const journal = await call<unknown[]>('journal:list-journal', {});
    expect(journal).toHaveLength(1);
  });

  it('records a failed claim in the journal and keeps the token for a later retry', async () => {
    app = await createTestApp();
    const { realToken: TOKEN } = await import('../unit/shared/token/tokenFixtures');
    const { entry } = await call<{ entry: { id: string } }>('journal:add-token', {
      text: `%ATTESTTOKEN: "${TOKEN}"`,
    });
    await call('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    app.cloud.failNext('server-error', 10);
    const result = await dispatch(contract, app.services.table, 'cloud:claim-device', {
      journalId: entry.id,
      requestId: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR' } });
    const [saved] = await call<
      Array<{ claimStatus: string; token: string; lastError?: { code: string } }>
    >('journal:list-journal', {});
    expect(saved).toMatchObject({
      claimStatus: 'failed',
      token: TOKEN,
      lastError: { code: 'SERVER_ERROR' },
    });
  });

  it('switches to demo mode: simulated kits and the local cloud key are ready', async () => {
    app = await createTestApp();
    const info = await call<{ isDemo: boolean }>('app:enable-demo', {});
    expect(info.isDemo).toBe(true);
    const snapshot = await call<{ devices: Array<{ name: string }> }>('serial:list-devices', {});
    expect(snapshot.devices.map((d) => d.name).sort()).toEqual(['Thingy:91 X', 'nRF9151 DK']);
    const keys = await call<{ hasApiKey: boolean; teamName: string }>('cloud:get-key-status', {});
    expect(keys).toMatchObject({ hasApiKey: true, teamName: 'Demo Team' });
  });

  it('leaves demo mode: real ports, no key, the demo journal deleted unless kept', async () => {
    app = await createTestApp();
    await call('app:enable-demo', {});
    const demoDir = join(app.dataDir, 'demo');
    expect(existsSync(demoDir)).toBe(true);
    const info = await call<{ isDemo: boolean }>('app:disable-demo', {});
    expect(info.isDemo).toBe(false);
    const snapshot = await call<{ devices: unknown[] }>('serial:list-devices', {});
    expect(snapshot.devices).toEqual([]);
    const keys = await call<{ hasApiKey: boolean }>('cloud:get-key-status', {});
    expect(keys.hasApiKey).toBe(false);
    expect(existsSync(demoDir)).toBe(false);

    await call('app:enable-demo', {});
    await call('app:disable-demo', { keepJournal: true });
    expect(existsSync(demoDir)).toBe(true);
  });

  it('refuses a malformed payload before any service runs', async () => {
    app = await createTestApp();
    const result = await dispatch(contract, app.services.table, 'serial:open-session', {
      path: '',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
