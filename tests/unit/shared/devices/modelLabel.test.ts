import { jobModelLabel, modelLabel, sipName } from '../../../../src-shared/devices/modelLabel';
import { kitOfSerialNumber, kits, type KitId } from '../../../../src-shared/devices/kits';
import { deviceTypeName, deviceTypeNames } from '../../../../src-shared/token/deviceTypes';

// Every kit of kits.ts with a serial number of its own and the SiP it carries (docs/protocol.md §3.1).
const kitCases: Array<[KitId, string, number, string, string]> = [
  ['nrf9160dk', '000960012345', 3, 'nRF9160 DK', 'nRF9160 DK (nRF9160 SICA)'],
  ['nrf9161dk', '001050912345', 4, 'nRF9161 DK', 'nRF9161 DK (nRF9161 LACA)'],
  ['nrf9151dk', '001051212345', 6, 'nRF9151 DK', 'nRF9151 DK (nRF9151 LACA)'],
  ['thingy91', 'THINGY91_1A2B3C4D5E6F', 3, 'Thingy:91', 'Thingy:91 (nRF9160 SICA)'],
  ['thingy91x', 'THINGY91X_0A1B2C3D4E5F', 6, 'Thingy:91 X', 'Thingy:91 X (nRF9151 LACA)'],
];

// Every device type of deviceTypes.ts, with the modem's (§2.E) and nRF Cloud's (§4.3) spellings.
const typeCases: Array<[number, string, string, string]> = [
  [1, 'nRF9160 SIAA', 'nRF9160-SIAA', 'nrf9160_SIAA'],
  [2, 'nRF9160 SIBA', 'nRF9160-SIBA', 'nrf9160_SIBA'],
  [3, 'nRF9160 SICA', 'nRF9160-SICA', 'nrf9160_SICA'],
  [4, 'nRF9161 LACA', 'nRF9161-LACA', 'nrf9161_LACA'],
  [5, 'nRF9131 LACA', 'nRF9131-LACA', 'nrf9131_LACA'],
  [6, 'nRF9151 LACA', 'nRF9151-LACA', 'nrf9151_LACA'],
];

describe('modelLabel', () => {
  it('has a case for every kit and every device type', () => {
    expect(kitCases.map(([id]) => id).sort()).toEqual(kits.map((k) => k.id).sort());
    expect(typeCases.map(([type]) => String(type)).sort()).toEqual(
      Object.keys(deviceTypeNames).sort(),
    );
  });

  describe.each(kitCases)('%s', (id, serialNumber, type, kitName, full) => {
    it(`is ${full} once the token is read`, () => {
      expect(modelLabel({ kitName, deviceTypeName: deviceTypeName(type) })).toBe(full);
    });

    it(`is ${kitName} before the token is read`, () => {
      expect(modelLabel({ kitName })).toBe(kitName);
    });

    it('takes the kit from the serial number when its name was not kept', () => {
      expect(kitOfSerialNumber(serialNumber)?.id).toBe(id);
      expect(modelLabel({ serialNumber, deviceTypeName: deviceTypeName(type) })).toBe(full);
    });
  });

  describe.each(typeCases)('device type %i', (type, name, cgmm, cloud) => {
    it(`is ${name} when the kit is unknown`, () => {
      expect(modelLabel({ deviceTypeName: deviceTypeName(type) })).toBe(name);
    });

    it(`spells the modem's ${cgmm} and nRF Cloud's ${cloud} the same way`, () => {
      expect(modelLabel({ model: cgmm })).toBe(name);
      expect(modelLabel({ model: cloud })).toBe(name);
    });
  });

  it.each<[string, Parameters<typeof modelLabel>[0], string | undefined]>([
    ['nothing known', {}, undefined],
    ['blank strings', { kitName: ' ', deviceTypeName: '', model: '  ' }, undefined],
    ['a serial number of no kit', { serialNumber: '000683123456' }, undefined],
    ['a type newer than the table', { deviceTypeName: deviceTypeName(9) }, 'unknown type 9'],
    [
      'the token over the modem',
      { kitName: 'Thingy:91 X', deviceTypeName: 'nRF9151 LACA', model: 'nRF9160-SICA' },
      'Thingy:91 X (nRF9151 LACA)',
    ],
    [
      'the kit name over the serial number',
      { kitName: 'nRF9151 DK', serialNumber: 'THINGY91X_AB' },
      'nRF9151 DK',
    ],
    ['a model text it does not know, as given', { model: ' Some modem ' }, 'Some modem'],
    [
      'a kit named by its SiP alone (a typed --port), once',
      { kitName: 'nRF9151 LACA', deviceTypeName: 'nRF9151 LACA', model: 'nRF9151-LACA' },
      'nRF9151 LACA',
    ],
  ])('%s', (_name, facts, expected) => {
    expect(modelLabel(facts)).toBe(expected);
  });
});

describe('sipName', () => {
  it.each([
    ['nRF9151 LACA', 'nRF9151 LACA'],
    ['nRF9151-LACA', 'nRF9151 LACA'],
    ['nrf9151_laca', 'nRF9151 LACA'],
    ['NRF9160  sica', 'nRF9160 SICA'],
    ['nRF9151', 'nRF9151'],
    ['', undefined],
    [undefined, undefined],
  ])('%j is %j', (input, expected) => {
    expect(sipName(input)).toBe(expected);
  });
});

describe('jobModelLabel', () => {
  it('reads the kit and the decoded token of a job view', () => {
    const job = {
      kitName: 'Thingy:91 X',
      serialNumber: 'THINGY91X_0A1B2C3D4E5F',
      model: 'nRF9151-LACA',
      decoded: { deviceTypeName: 'nRF9151 LACA' },
    };
    expect(jobModelLabel(job)).toBe('Thingy:91 X (nRF9151 LACA)');
    expect(jobModelLabel({ ...job, decoded: undefined, model: undefined })).toBe('Thingy:91 X');
    expect(jobModelLabel({ model: 'nRF9151-LACA' })).toBe('nRF9151 LACA');
  });
});

describe('kitOfSerialNumber', () => {
  it.each(kitCases)('names only %s for its own serial number', (id, serialNumber) => {
    expect(kits.filter((k) => k.serialPattern.test(serialNumber)).map((k) => k.id)).toEqual([id]);
  });

  it.each(['', '  ', '000683123456', 'D1F2E3A4B5C6', undefined])('names no kit for %j', (s) => {
    expect(kitOfSerialNumber(s)).toBeUndefined();
  });
});
