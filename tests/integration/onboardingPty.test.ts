/**
 * The onboarding pipeline over real ptys and the local nRF Cloud: six simulated kits (the three
 * firmware families, one silent port, one device already in the team) through the assembled
 * services with Auto on, so no kit needs a click.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobChange, JobList, JobView } from '../../src-shared/ipc/onboarding';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import {
  ALREADY_CLAIMED,
  preClaim,
  SILENT,
  SIX_KIT_ENDS,
  sixKits,
  uuid,
} from '../support/onboardingKits';
import { callValue, createTestApp, type TestApp, type TestPort } from '../support/testServices';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

const call = <T>(channel: string, input: unknown): Promise<T> => callValue<T>(app!, channel, input);

describe('onboarding six kits through the assembled services', () => {
  it('Auto on: 3 connected, 1 claimed (AT host), 1 already claimed, 1 NO_ANSWER naming its port, 5 tokens journaled with their provisioning outcome', async () => {
    const kits = sixKits();
    const ports: TestPort[] = kits.map((kit) => ({
      info: {
        serialNumber: kit.serialNumber,
        vendorId: '1366',
        productId: '1059',
        manufacturer: 'SEGGER',
        pnpId: `usb-SEGGER_J-Link_${kit.serialNumber}-if00`,
      },
      simulator: kit.simulator,
    }));
    app = await createTestApp({ ports, pollIntervalMs: 200 });
    await preClaim(app.cloud.apiBaseUrl, app.cloud.provisioningBaseUrl, ALREADY_CLAIMED);
    await call('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    const changes: JobChange[] = [];
    app.services.events.attach((channel, payload) => {
      if (channel === 'onboarding:job-changed') changes.push(payload as JobChange);
    });
    await app.services.serial.watcher.poll();

    const list = await call<JobList>('onboarding:set-auto', { isAuto: true });
    expect(list.isAuto).toBe(true);
    expect(list.jobs).toHaveLength(6);
    const done = await Promise.all(
      list.jobs.map((job) => app!.services.onboarding.whenDone(job.id)),
    );
    const bySerial = new Map<string, JobView>(done.map((job) => [job.serialNumber ?? '', job]));
    const stateOf = (i: number) => bySerial.get(kits[i]!.serialNumber)?.state;
    expect(kits.map((_, i) => stateOf(i))).toEqual(SIX_KIT_ENDS);
    const silent = bySerial.get(kits[SILENT]!.serialNumber)!;
    expect(silent.error?.code).toBe('NO_ANSWER');
    expect(silent.error?.message).toContain(silent.port);
    expect(silent.explanation?.title).toBeTruthy();
    expect(bySerial.get(kits[0]!.serialNumber)).toMatchObject({
      mode: 'shell',
      kitName: 'nRF9151 DK',
      deviceUuid: uuid(0),
    });
    expect(bySerial.get(kits[1]!.serialNumber)?.mode).toBe('slm');
    expect(bySerial.get(kits[2]!.serialNumber)?.mode).toBe('at-host');

    const journal = await call<Array<{ deviceUuid: string; claimStatus: string }>>(
      'journal:list-journal',
      {},
    );
    expect(journal.map((e) => e.deviceUuid).sort()).toEqual(
      [0, 1, 2, 3, 5].map((i) => uuid(i)).sort(),
    );
    expect(journal.every((e) => /claimed/.test(e.claimStatus))).toBe(true);
    const outcomes = await call<Array<{ deviceUuid: string; provisioning?: { outcome: string } }>>(
      'journal:list-journal',
      {},
    );
    const outcomeOf = (i: number) =>
      outcomes.find((e) => e.deviceUuid === uuid(i))?.provisioning?.outcome;
    // Shell and Serial Modem fetched their credentials; AT host cannot (docs/protocol.md §13).
    expect([0, 1, 2, 3].map(outcomeOf)).toEqual([
      'connected',
      'connected',
      'not-provisioned',
      'connected',
    ]);
    expect(bySerial.get(kits[0]!.serialNumber)?.provisioning).toMatchObject({
      family: 'shell',
      stage: 'connected',
    });
    expect(bySerial.get(kits[1]!.serialNumber)?.provisioning?.family).toBe('serial-modem');
    expect(bySerial.get(kits[2]!.serialNumber)?.provisioning).toMatchObject({
      family: 'at-host',
      note: expect.stringMatching(/cannot fetch its credentials/),
    });
    expect(changes.length).toBeGreaterThan(6);
    expect(changes[0]?.queue.concurrency).toBe(4);
    expect(changes.every((c) => c.queue.active <= c.queue.concurrency)).toBe(true);

    // Report: header + six rows.
    const saved = await call<{ path: string }>('onboarding:export-report', {});
    const { readFileSync } = await import('node:fs');
    const rows = readFileSync(saved.path, 'utf8').trimEnd().split('\n');
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.includes(',connected,'))).toHaveLength(3);
    expect(rows.filter((r) => r.includes(',claimed,'))).toHaveLength(1);
    expect(rows.find((r) => r.includes(',NO_ANSWER,'))).toContain(silent.port);

    // A failed kit is retried; a claimed one is not started twice by a replug with Auto on.
    const again = await call<JobView>('onboarding:retry-job', { id: kits[SILENT]!.serialNumber });
    expect(again.attempt).toBe(2);
    await expect(call('onboarding:retry-job', { id: kits[0]!.serialNumber })).rejects.toThrow(
      /nothing to retry/,
    );
    await call('onboarding:cancel-job', { id: kits[SILENT]!.serialNumber });
    expect((await app.services.onboarding.whenDone(kits[SILENT]!.serialNumber)).state).toBe(
      'cancelled',
    );
  }, 60_000);
});
