import { screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import { failWith, TOKEN, UUID } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

const OTHER = '00000000-0000-4000-8000-000000000002';
const entry = (
  id: string,
  deviceUuid: string,
  claimStatus: JournalEntryView['claimStatus'],
): JournalEntryView => ({
  id,
  token: TOKEN,
  deviceUuid,
  readAt: '2025-05-01T09:00:00Z',
  source: 'device',
  claimStatus,
});

/** The confirmation must say all three consequences before anything is sent. */
function expectConsequences(dialog: HTMLElement, uuid: string) {
  expect(dialog).toHaveTextContent(uuid);
  expect(dialog).toHaveTextContent('removes it from your team on nRF Cloud');
  expect(dialog).toHaveTextContent(/claimed again, with a new attestation token/);
  expect(dialog).toHaveTextContent(/may remove its data .* from nRF Cloud/);
}

describe('Unclaim', () => {
  it('from the journal: only for devices in the team, after a confirmation that says what it does', async () => {
    let journal = [entry('j1', UUID, 'claimed'), entry('j2', OTHER, 'unclaimed')];
    const listJournal = vi.fn(async () => ok(journal));
    const unclaim = vi.fn(async () => {
      journal = [entry('j1', UUID, 'unclaimed'), entry('j2', OTHER, 'unclaimed')];
      return ok(undefined);
    });
    const { api, user } = renderApp({ listJournal, unclaim });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    const table = await screen.findByTestId('journal-table');
    expect(
      within(table).queryByRole('button', { name: `Unclaim device ${OTHER}…` }),
    ).not.toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: `Unclaim device ${UUID}…` }));
    let dialog = await screen.findByRole('dialog', { name: 'Unclaim this device?' });
    expectConsequences(dialog, UUID);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.unclaim).not.toHaveBeenCalled();

    await user.click(within(table).getByRole('button', { name: `Unclaim device ${UUID}…` }));
    dialog = await screen.findByRole('dialog', { name: 'Unclaim this device?' });
    await user.click(within(dialog).getByRole('button', { name: 'Unclaim' }));
    expect(api.unclaim).toHaveBeenCalledWith({ deviceId: UUID, journalId: 'j1' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(
      await screen.findByText(`Device ${UUID} was unclaimed: it is no longer in your team.`),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(table).queryByRole('button', { name: `Unclaim device ${UUID}…` }),
      ).not.toBeInTheDocument(),
    );
  });

  it('keeps the dialog open with the error and its code when nRF Cloud refuses', async () => {
    const { api, user } = renderApp({
      listJournal: vi.fn(async () => ok([entry('j1', UUID, 'already-claimed')])),
      unclaim: vi.fn(async () =>
        failWith('ROLE_CANNOT_CLAIM', 'Role viewer is not allowed to unclaim devices'),
      ),
    });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    await user.click(await screen.findByRole('button', { name: `Unclaim device ${UUID}…` }));
    const dialog = await screen.findByRole('dialog', { name: 'Unclaim this device?' });
    await user.click(within(dialog).getByRole('button', { name: 'Unclaim' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Role viewer is not allowed to unclaim devices');
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('ROLE_CANNOT_CLAIM');
    expect(screen.getByRole('dialog', { name: 'Unclaim this device?' })).toBeInTheDocument();
    expect(api.unclaim).toHaveBeenCalledTimes(1);
  });

  it('from the claim outcome: confirms, unclaims the device and its journal entry, and offers the check again', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    const outcome = await screen.findByTestId('claim-outcome');
    expect(screen.getByTestId('session-list')).toHaveTextContent('Claimed');

    await user.click(within(outcome).getByRole('button', { name: 'Unclaim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unclaim this device?' });
    expectConsequences(dialog, UUID);
    expect(api.unclaim).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Unclaim' }));

    expect(api.unclaim).toHaveBeenCalledWith({ deviceId: UUID, journalId: 'journal-1' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('unclaimed')).toHaveTextContent(
      `Device ${UUID} was unclaimed`,
    );
    expect(screen.queryByTestId('claim-outcome')).not.toBeInTheDocument();
    expect(screen.getByTestId('session-list')).toHaveTextContent('Token read');
    expect(screen.getByRole('button', { name: 'Check claimability' })).toBeEnabled();
    expect(api.claim).toHaveBeenCalledTimes(1);
  });
});
