import { modemTooOldReason } from '../../../../src-shared/provisioning/modemSupport';

describe('modemTooOldReason (docs/protocol.md §14.5)', () => {
  it.each([
    ['nRF9161-LACA', 'mfw_nrf91x1_2.0.2'],
    ['nRF9151-LACA', 'mfw_nrf91x1_2.0.1'],
    ['nRF9131-LACA', 'mfw_nrf91x1_2.1.0'],
    // What it cannot read does not stop provisioning.
    ['', ''],
    ['Thingy', 'unknown'],
  ])('%s %s can be provisioned', (model, revision) => {
    expect(modemTooOldReason(model, revision)).toBeUndefined();
  });

  it.each([
    ['nRF9160-SICA', 'mfw_nrf9160_1.3.5', /nRF9160 .*needs an nRF91x1/],
    ['nRF9160-SIAA', 'mfw_nrf9160_2.0.0', /nRF9160/],
    ['nRF9161-LACA', 'mfw_nrf91x1_1.9.9', /mfw_nrf91x1_1\.9\.9 is older than 2\.0\.0/],
  ])('%s %s cannot', (model, revision, why) => {
    expect(modemTooOldReason(model, revision)).toMatch(why);
  });
});
