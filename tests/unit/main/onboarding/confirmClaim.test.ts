/**
 * Jobs started with `claim: 'confirm'` (the window's one-device flow): they run to the dry run,
 * wait in `ready-to-claim` with the verdict, and claim only when asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/ipc/errors';
import { JobHarness, makeKits } from './jobHarness';

let harness: JobHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function setUp() {
  const kits = makeKits(1);
  harness = new JobHarness(kits);
  const kit = kits[0]!;
  return { h: harness, kit, target: { path: kit.path, serialNumber: kit.serialNumber } };
}

describe("claim: 'confirm'", () => {
  it('waits in ready-to-claim with the verdict, the port let go, then claims when asked', async () => {
    const { h, kit, target } = setUp();
    const started = h.service.start(target, { claim: 'confirm' });
    expect(started.isConfirmRequired).toBe(true);
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    const waiting = h.service.get(kit.serialNumber)!;
    expect(waiting).toMatchObject({
      phase: 'waiting',
      dryRun: { claimable: true, alreadyClaimedByYou: false },
      deviceUuid: kit.deviceUuid,
      decoded: { deviceUuid: kit.deviceUuid },
    });
    expect(waiting.journalId).toBe(h.journal.list()[0]!.id);
    expect(waiting.decoded).not.toHaveProperty('token');
    expect(h.cloudCalls).toEqual([`dryRun:${kit.path}`]);
    expect(h.openPorts.size).toBe(0);

    h.teamRules.push({ name: 'Line 3', isActive: true, tags: ['line-3'], commandTypes: [] });
    h.service.claim(kit.serialNumber, { tags: ['line-3'] });
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber)).toEqual([
      'waiting',
      'connecting',
      'reading',
      'journaling',
      'checking',
      'ready-to-claim',
      'claiming',
      'claimed',
    ]);
    expect(done).toMatchObject({
      state: 'claimed',
      tags: ['line-3'],
      deviceId: kit.deviceUuid,
      claim: { deviceId: kit.deviceUuid, alreadyClaimedByYou: false },
    });
    expect(h.journal.list()[0]).toMatchObject({ claimStatus: 'claimed' });
  });

  it('a device already in the team ends already-claimed at the dry run, journaled so', async () => {
    const { h, kit, target } = setUp();
    h.alreadyClaimed.add(kit.deviceUuid);
    h.service.start(target, { claim: 'confirm' });
    const done = await h.finish(kit.serialNumber);
    expect(done).toMatchObject({ state: 'already-claimed', dryRun: { alreadyClaimedByYou: true } });
    expect(h.cloudCalls).toEqual([`dryRun:${kit.path}`]);
    expect(h.journal.list()[0]).toMatchObject({ claimStatus: 'already-claimed' });
  });

  it('a dry run that cannot answer (no key) waits with its error; the dry run again claims', async () => {
    const { h, kit, target } = setUp();
    const deps = (h.service as unknown as { deps: { cloud: () => unknown } }).deps;
    const withKey = deps.cloud;
    deps.cloud = () => {
      throw new AppError('API_KEY_MISSING', 'Add your key');
    };
    h.service.start(target, { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    const waiting = h.service.get(kit.serialNumber)!;
    expect(waiting.dryRunError?.code).toBe('API_KEY_MISSING');
    expect(waiting.dryRun).toBeUndefined();
    expect(waiting.error).toBeUndefined();

    deps.cloud = withKey;
    h.service.claim(kit.serialNumber, { isDryRunOnly: true });
    await h.until(() => h.service.get(kit.serialNumber)?.dryRun !== undefined);
    const checked = h.service.get(kit.serialNumber)!;
    expect(checked).toMatchObject({ state: 'ready-to-claim', dryRun: { claimable: true } });
    expect(checked.dryRunError).toBeUndefined();
    h.service.claim(kit.serialNumber);
    expect((await h.finish(kit.serialNumber)).state).toBe('claimed');
  });

  it('a refusal is the verdict, not a failure: the job waits and is not claimed', async () => {
    const { h, kit, target } = setUp();
    kit.dryRunError = new AppError('CLAIMED_BY_OTHER', 'someone else');
    h.service.start(target, { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    expect(h.service.get(kit.serialNumber)?.dryRunError?.code).toBe('CLAIMED_BY_OTHER');
    expect(h.cloudCalls).toEqual([`dryRun:${kit.path}`]);
  });

  it('cancel in ready-to-claim ends cancelled; unplug there is ignored', async () => {
    const { h, kit, target } = setUp();
    h.service.start(target, { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    h.service.unplugged(kit.serialNumber);
    expect(h.service.get(kit.serialNumber)?.state).toBe('ready-to-claim');
    h.service.cancel(kit.serialNumber);
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('cancelled');
    expect(done.error).toBeUndefined();
    expect(h.statesOf(kit.serialNumber).slice(-2)).toEqual(['ready-to-claim', 'cancelled']);
    expect(h.journal.list()[0]).toMatchObject({ claimStatus: 'unclaimed' });
  });

  it('cancel during its dry run drops the call alone: the job waits, the token still read', async () => {
    const { h, kit, target } = setUp();
    h.hold('dryRun');
    h.service.start(target, { claim: 'confirm' });
    await h.isHeld('dryRun', kit.path);
    h.service.cancel(kit.serialNumber);
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    expect(h.service.get(kit.serialNumber)?.dryRunError?.code).toBe('CANCELLED');
    h.holdNothing();
    h.service.claim(kit.serialNumber, { isDryRunOnly: true });
    await h.until(() => h.service.get(kit.serialNumber)?.dryRun !== undefined);
    expect(h.service.get(kit.serialNumber)?.dryRunError).toBeUndefined();
  });

  it('cancel during its claim goes back to ready-to-claim, unrecorded; claiming again works', async () => {
    const { h, kit, target } = setUp();
    h.service.start(target, { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    h.hold('claim');
    h.service.claim(kit.serialNumber);
    await h.isHeld('claim', kit.path);
    h.service.cancel(kit.serialNumber);
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    expect(h.service.get(kit.serialNumber)?.claimError?.code).toBe('CANCELLED');
    expect(h.journal.list()[0]).toMatchObject({ claimStatus: 'unclaimed' });
    h.holdNothing();
    h.service.claim(kit.serialNumber);
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('claimed');
    expect(done.claimError).toBeUndefined();
    expect(h.statesOf(kit.serialNumber).slice(-4)).toEqual([
      'claiming',
      'ready-to-claim',
      'claiming',
      'claimed',
    ]);
  });

  it('claim is refused for a job that is not waiting for it', async () => {
    const { h, kit, target } = setUp();
    h.service.start(target);
    await h.finish(kit.serialNumber);
    expect(() => h.service.claim(kit.serialNumber)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => h.service.claim('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('retry of a cancelled confirm job asks for confirmation again', async () => {
    const { h, kit, target } = setUp();
    h.service.start(target, { claim: 'confirm' });
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
    h.service.cancel(kit.serialNumber);
    await h.finish(kit.serialNumber);
    expect(h.service.retry(kit.serialNumber).isConfirmRequired).toBe(true);
    await h.waitForState(kit.serialNumber, 'ready-to-claim');
  });
});
