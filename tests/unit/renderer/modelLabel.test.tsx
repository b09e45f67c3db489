/** One spelling of a Thingy:91 X's model on every screen that names it (issue 12, item 5). */
import { screen, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import { attestResult, claimView, device, snapshot, TOKEN, UUID } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

const SERIAL = 'THINGY91X_0A1B2C3D4E5F';
const MODEL = 'Thingy:91 X (nRF9151 LACA)';
const thingy = { ...device(SERIAL, 'Thingy:91 X'), kit: 'thingy91x' as const };
// What an nRF9151 answers: device type 6 in the token, nRF9151-LACA to AT+CGMM (docs/protocol.md).
const base = attestResult();
const thingyRead = {
  ...base,
  decoded: { ...base.decoded, deviceType: 6, deviceTypeName: 'nRF9151 LACA' },
  model: 'nRF9151-LACA',
  firmware: 'mfw_nrf91x1_2.0.2',
};

describe('the model of a Thingy:91 X', () => {
  it('is spelled the same in the flow card, Today’s devices, the pass screen, the Journal and the station', async () => {
    const { user } = renderApp({
      listDevices: vi.fn(async () => ok(snapshot([thingy]))),
      attest: vi.fn(async () => ok(thingyRead)),
      claim: vi.fn(async () => ok(claimView({ deviceType: 'nrf9151_LACA' }))),
    });
    await goToClaim(user);
    expect(screen.getByTestId('flow-board')).toHaveTextContent(`${MODEL} · SN ${SERIAL}`);
    const card = screen.getByTestId('attest-result');
    expect(within(card).getByText(MODEL)).toBeInTheDocument();
    expect(card).not.toHaveTextContent('nRF9151-LACA');
    expect(within(screen.getByTestId('session-list')).getByText(MODEL)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Claim device' }));
    expect(await screen.findByTestId('result-model')).toHaveTextContent(
      new RegExp(`^${MODEL.replace(/[()]/g, '\\$&')}$`),
    );
    const outcome = screen.getByTestId('claim-outcome');
    expect(outcome).toHaveTextContent('Type: nRF9151 LACA');
    expect(outcome).not.toHaveTextContent('nrf9151_LACA');

    await user.click(screen.getByRole('tab', { name: 'Journal' }));
    const table = await screen.findByTestId('journal-table');
    expect(within(table).getByText(MODEL)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Station' }));
    const tile = await screen.findByTestId(`kit-tile-${SERIAL}`);
    expect(within(tile).getByRole('heading', { name: MODEL })).toBeInTheDocument();
  });

  it('is named from the serial number of a journal entry that kept no kit name', async () => {
    const older: JournalEntryView = {
      id: 'j1',
      token: TOKEN,
      deviceUuid: UUID,
      deviceType: 6,
      deviceTypeName: 'nRF9151 LACA',
      model: 'nRF9151-LACA',
      serialNumber: SERIAL,
      readAt: '2025-05-01T09:00:00Z',
      source: 'device',
      claimStatus: 'claimed',
    };
    const { user } = renderApp({ listJournal: vi.fn(async () => ok([older])) });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    const table = await screen.findByTestId('journal-table');
    expect(within(table).getByText(MODEL)).toBeInTheDocument();
  });
});
