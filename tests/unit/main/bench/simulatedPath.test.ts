import { describe, expect, it } from 'vitest';
import {
  simulatedMs,
  simulatedPath,
  type ProvisioningCaseId,
} from '../../../../src-main/bench/simulatedPath';

describe('simulatedPath', () => {
  // Hand-summed from the simulator's timing constants (three commands, the onboarding rule's).
  const cases: Array<[ProvisioningCaseId, number]> = [
    ['shell-lib-mid', 16_300],
    ['shell-lib-new', 17_800],
    ['att', 35_300],
    ['serial-modem', 17_200],
  ];

  it.each(cases)('%s waits %i real-world ms from the trigger to connected', (id, total) => {
    expect(simulatedPath(id).reduce((sum, s) => sum + s.ms, 0)).toBe(total);
    expect(simulatedMs(id, 0.1)).toBeCloseTo(total / 10);
  });

  it('counts 800 ms per command and lists no empty wait', () => {
    expect(simulatedMs('shell-lib-new', 1, 5) - simulatedMs('shell-lib-new', 1, 3)).toBe(1600);
    for (const [id] of cases) expect(simulatedPath(id).every((s) => s.ms > 0)).toBe(true);
  });
});
