import { claimSupportWarnings } from '../../../../src-shared/token/claimSupport';

describe('claimSupportWarnings', () => {
  it.each([
    ['nRF9161 on 2.0.2 by token type', { deviceType: 4, firmware: 'mfw_nrf91x1_2.0.2' }],
    ['nRF9151 by model', { model: 'nRF9151-LACA', firmware: 'mfw_nrf91x1_2.0.0' }],
    ['nRF9131 by type, no firmware', { deviceType: 5 }],
    ['91x1 firmware family only', { firmware: 'mfw_nrf91x1_2.1.0' }],
    ['nothing known', {}],
  ])('says nothing for %s', (_name, input) => {
    expect(claimSupportWarnings(input)).toEqual([]);
  });

  it.each([
    ['type 3 from the token', { deviceType: 3 }],
    ['type 1 from the token', { deviceType: 1, firmware: 'mfw_nrf9160_1.3.5' }],
    ['model nRF9160-SICA', { model: 'nRF9160-SICA' }],
    ['firmware family nrf9160', { firmware: 'mfw_nrf9160_1.3.2' }],
  ])('warns that claiming an nRF9160 may be refused (%s)', (_name, input) => {
    const warnings = claimSupportWarnings(input);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/nRF9160/);
    expect(warnings[0]).toMatch(/2\.0\.0/);
    expect(warnings[0]).toMatch(/may be refused/);
  });

  it('adds that an nRF9160 below 1.3.0 cannot produce a token', () => {
    const warnings = claimSupportWarnings({ model: 'nRF9160-SIBA', firmware: 'mfw_nrf9160_1.2.7' });
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('1.2.7');
    expect(warnings[1]).toContain('AT%ATTESTTOKEN');
    expect(warnings[1]).toContain('1.3.0');
  });

  it('does not warn about %ATTESTTOKEN on an nRF9160 at exactly 1.3.0', () => {
    expect(claimSupportWarnings({ deviceType: 2, firmware: 'mfw_nrf9160_1.3.0' })).toHaveLength(1);
  });

  it('tells an nRF91x1 below 2.0.0 to update the modem firmware', () => {
    const warnings = claimSupportWarnings({ deviceType: 6, firmware: 'mfw_nrf91x1_1.9.9' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('1.9.9');
    expect(warnings[0]).toContain('Update the modem firmware');
  });

  it('warns about old firmware of an unknown chip, from a bare version too', () => {
    const warnings = claimSupportWarnings({ firmware: '1.3.2' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('older than 2.0.0');
    expect(claimSupportWarnings({ firmware: '2.0.0' })).toEqual([]);
  });

  it('trusts the token type over a model string that disagrees', () => {
    expect(claimSupportWarnings({ deviceType: 4, model: 'nRF9160-SICA' })).toEqual([]);
    expect(claimSupportWarnings({ deviceType: 3, model: 'nRF9161-LACA' })).toHaveLength(1);
  });

  it('ignores firmware text it cannot read', () => {
    expect(claimSupportWarnings({ deviceType: 4, firmware: 'unknown' })).toEqual([]);
  });
});
