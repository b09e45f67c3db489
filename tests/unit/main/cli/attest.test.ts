import { run as runAttest } from '../../../../src-main/cli/commands/attest';
import { openJournal } from '../../../../src-main/cloud/journal';
import {
  DEMO_THINGY_SERIAL,
  DEMO_THINGY_UUID,
  demoPorts,
} from '../../../../src-main/sim/transports/demoPorts';
import { createSimulatedBinding } from '../../../../src-main/sim/transports/simulatedBinding';
import { makeTempDir } from '../cloud/helpers';
import { captureIo } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('onboarder-attest-'));
});
afterEach(() => cleanup());

describe('nrf-onboard attest', () => {
  it("names a Thingy:91 X's model as the app does, and journals its kit", async () => {
    const binding = createSimulatedBinding(demoPorts());
    const run = captureIo({ ONBOARDER_DATA_DIR: dir });
    const deps = { binding: async () => binding };
    expect(await runAttest(['--port', '/dev/ttyACM2'], run.io, deps)).toBe(0);
    expect(run.stderr()).toContain(`Device UUID     ${DEMO_THINGY_UUID}`);
    expect(run.stderr()).toContain('Model           Thingy:91 X (nRF9151 LACA)\n');
    expect(run.stderr()).not.toContain('nRF9151-LACA');
    expect(openJournal(dir).list()).toMatchObject([
      {
        deviceUuid: DEMO_THINGY_UUID,
        deviceTypeName: 'nRF9151 LACA',
        serialNumber: DEMO_THINGY_SERIAL,
        kitName: 'Thingy:91 X',
      },
    ]);
  });
});
