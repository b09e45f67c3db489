import { screen, within, waitFor } from '@testing-library/react';
import { fail, ok } from '../../../src-shared/ipc/errors';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import { keyStatus, TOKEN, UUID } from './fakeApi';
import { renderApp } from './renderApp';

const entry = (id: string, claimStatus: JournalEntryView['claimStatus']): JournalEntryView => ({
  id,
  token: TOKEN,
  deviceUuid: id === 'j1' ? UUID : `00000000-0000-4000-8000-00000000000${id.length}`,
  deviceTypeName: 'nRF9160 SICA',
  readAt: '2025-05-01T09:00:00Z',
  source: 'device',
  claimStatus,
});

describe('Journal tab', () => {
  it('lists entries, claims pending ones in one go, and discards only after confirmation', async () => {
    const listJournal = vi.fn(async () => ok([entry('j1', 'unclaimed'), entry('j22', 'claimed')]));
    const { api, user } = renderApp({ listJournal });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    const table = await screen.findByTestId('journal-table');
    expect(table).toHaveTextContent(UUID);
    expect(table).toHaveTextContent('Not claimed yet');

    await user.click(screen.getByRole('button', { name: 'Claim pending' }));
    expect(api.claimPending).toHaveBeenCalledWith(
      expect.objectContaining({ tags: ['nrf-cloud-onboarding'] }),
    );
    expect(
      await screen.findByText('Claimed 1, already claimed 0, failed 0, not tried 0.'),
    ).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: `Discard token of ${UUID}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard this token?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.discardEntry).not.toHaveBeenCalled();
    await user.click(within(table).getByRole('button', { name: `Discard token of ${UUID}` }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard' }),
    );
    expect(api.discardEntry).toHaveBeenCalledWith({ id: 'j1' });
  });

  it('exports and imports CSV', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Exported to /home/tech/journal.csv')).toBeInTheDocument();
    const file = new File(['token\n' + TOKEN], 'tokens.csv', { type: 'text/csv' });
    await user.upload(screen.getByTestId('csv-input'), file);
    await waitFor(() => expect(api.importCsv).toHaveBeenCalledWith({ text: 'token\n' + TOKEN }));
    expect(await screen.findByText('Imported 1; 0 already in the journal.')).toBeInTheDocument();
  });

  it('shows each row an import did not take: its line, plain sentence and code chip', async () => {
    const { user } = renderApp({
      importCsv: vi.fn(async () =>
        ok({
          added: 1,
          skipped: 0,
          errors: [
            {
              line: 3,
              code: 'TOKEN_MALFORMED' as const,
              message: 'This is not an attestation token.',
              detail: 'No dot between the two parts.',
            },
            { line: 4, code: 'CSV_INVALID' as const, message: 'This row has 2 field(s).' },
          ],
        }),
      ),
    });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    await user.upload(screen.getByTestId('csv-input'), new File(['x'], 'tokens.csv'));
    const box = await screen.findByTestId('import-errors');
    expect(box).toHaveTextContent('Rows not imported: 2');
    const rows = within(box).getAllByTestId('import-error');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Line 3: This is not an attestation token.');
    expect(rows[0]).toHaveTextContent('No dot between the two parts.');
    expect(within(rows[0]!).getByTestId('error-code')).toHaveTextContent('TOKEN_MALFORMED');
    expect(within(rows[1]!).getByTestId('error-code')).toHaveTextContent('CSV_INVALID');
    expect(screen.getByText('Imported 1; 0 already in the journal.')).toBeInTheDocument();
  });
});

describe('Settings dialog', () => {
  it('lists keys with team, role and masked key, warns about weak encryption, activates and removes', async () => {
    const status = keyStatus(true, { isEncryptionWeak: true, encryptionBackend: 'basic_text' });
    status.keys.push({
      id: 'k2',
      teamName: 'Other Team',
      tenantId: 't2',
      role: 'viewer',
      maskedKey: '••••••••9999',
      isActive: false,
      canClaim: false,
    });
    const { api, user } = renderApp({ getKeyStatus: vi.fn(async () => ok(status)) });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByTestId('weak-encryption')).toHaveTextContent('basic_text');
    const keys = within(dialog).getByTestId('api-keys');
    expect(keys).toHaveTextContent('Bench Team · owner');
    expect(keys).toHaveTextContent('••••••••abcd');
    expect(keys).toHaveTextContent('Other Team · viewer');

    await user.click(within(keys).getByRole('button', { name: 'Activate key of Other Team' }));
    expect(api.setActiveKey).toHaveBeenCalledWith({ id: 'k2' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove key of Bench Team' }));
    expect(api.removeKey).toHaveBeenCalledWith({ id: 'k1' });
  });

  it('saves general settings', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const url = within(dialog).getByRole('textbox', { name: 'Portal base URL' });
    await user.clear(url);
    await user.type(url, 'http://127.0.0.1:8080/');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    expect(api.updateSettings).toHaveBeenCalledWith(
      expect.objectContaining({ portalBaseUrl: 'http://127.0.0.1:8080/', baudRate: 115200 }),
    );
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('Close with an unsaved change asks first: Keep editing keeps it, Discard changes drops it', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    // Unchanged: Close closes at once.
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const again = await screen.findByRole('dialog', { name: 'Settings' });
    const url = within(again).getByRole('textbox', { name: 'Portal base URL' });
    await user.clear(url);
    await user.type(url, 'http://127.0.0.1:8080/');
    await user.click(within(again).getByRole('button', { name: 'Close' }));
    const ask = await screen.findByRole('dialog', { name: 'Discard unsaved settings?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(url).toHaveValue('http://127.0.0.1:8080/');

    await user.keyboard('{Escape}');
    const askAgain = await screen.findByRole('dialog', { name: 'Discard unsaved settings?' });
    await user.click(within(askAgain).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull());
    expect(api.updateSettings).not.toHaveBeenCalled();
  });

  it('says so when a developer override sends the key outside nRF Cloud', async () => {
    const status = { ...keyStatus(true), cloudUrlOverrides: ['http://10.0.0.5:4000'] };
    const { user } = renderApp({ getKeyStatus: vi.fn(async () => ok(status)) });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByTestId('cloud-url-override')).toHaveTextContent(
      'ONBOARDER_ALLOW_CLOUD_URL',
    );
    expect(within(dialog).getByTestId('cloud-url-override')).toHaveTextContent(
      'http://10.0.0.5:4000',
    );
  });

  it('shows why main refused a cloud URL', async () => {
    const message =
      'collector.example is not nRF Cloud, so the nRF Cloud API URL cannot point there.';
    const { user } = renderApp({
      updateSettings: vi.fn(async () => fail('CLOUD_URL_NOT_ALLOWED', message)),
    });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).queryByTestId('cloud-url-override')).not.toBeInTheDocument();
    const url = within(dialog).getByRole('textbox', { name: 'nRF Cloud API base URL' });
    await user.clear(url);
    await user.type(url, 'https://collector.example/v1/');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    expect(await within(dialog).findByText(message, { exact: false })).toBeInTheDocument();
    expect(within(dialog).getByText('CLOUD_URL_NOT_ALLOWED', { exact: false })).toBeInTheDocument();
  });
});
