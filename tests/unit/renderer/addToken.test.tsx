import { act, screen, waitFor, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import { decodeAttestationToken, type DecodedToken } from '../../../src-shared/token/decode';
import { extractTokenFromText } from '../../../src-shared/token/extract';
import { deferred, failWith, TOKEN, UUID } from './fakeApi';
import { renderApp } from './renderApp';

// The fake decodes with the real shared code, as main's handler does: extract, then decode.
const realDecode = async ({ text }: { text: string }): Promise<Result<DecodedToken>> => {
  const extracted = extractTokenFromText(text);
  return extracted.ok ? decodeAttestationToken(extracted.value) : extracted;
};

const [PART1 = '', PART2 = ''] = TOKEN.split('.');
const TRUNCATED = `${PART1.slice(0, 60)}.${PART2}`;

const pastedEntry = (): JournalEntryView => ({
  id: 'p1',
  token: TOKEN,
  deviceUuid: UUID,
  deviceType: 3,
  deviceTypeName: 'nRF9160 SICA',
  readAt: '2025-05-01T09:00:00Z',
  source: 'paste',
  claimStatus: 'unclaimed',
});

async function openAddDialog(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('tab', { name: 'Journal' }));
  await user.click(await screen.findByRole('button', { name: 'Add token' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add a token' });
  const field = within(dialog).getByRole('textbox', { name: 'Token, AT reply or log excerpt' });
  return { dialog, field };
}

describe('Journal: add a pasted token', () => {
  it('decodes a pasted %ATTESTTOKEN line live, adds it, and the list shows it', async () => {
    const journal: JournalEntryView[] = [];
    const listJournal = vi.fn(async () => ok([...journal]));
    const fake = renderApp({
      decodeToken: vi.fn(realDecode),
      listJournal,
      addToken: vi.fn(async () => {
        journal.push(pastedEntry());
        fake.emit('onJournalChanged', [...journal]);
        return ok({ entry: pastedEntry() });
      }),
    });
    const { api, user } = fake;
    const { dialog, field } = await openAddDialog(user);
    expect(field).toHaveFocus();
    const add = within(dialog).getByRole('button', { name: 'Add to journal' });
    expect(add).toBeDisabled();

    // A textarea turns CRLF into LF, so the reply is pasted as the field will hold it.
    const pasted = `AT%ATTESTTOKEN\n%ATTESTTOKEN: "${TOKEN}"\nOK\n`;
    await user.paste(pasted);
    const check = await within(dialog).findByTestId('paste-check');
    expect(check).toHaveTextContent('Valid token');
    expect(check).toHaveTextContent(UUID);
    // The model as modelLabel spells it everywhere, the token's type number only beside it.
    expect(check).toHaveTextContent('Model: nRF9160 SICA (device type 3 in the token)');
    expect(check).not.toHaveTextContent('nRF9160 SICA (3)');
    expect(api.decodeToken).toHaveBeenLastCalledWith({ text: pasted });

    await user.click(add);
    expect(api.addToken).toHaveBeenCalledWith({ text: pasted });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText(`Added the token of device ${UUID}.`)).toBeInTheDocument();
    const table = await screen.findByTestId('journal-table');
    expect(table).toHaveTextContent(UUID);
    expect(table).toHaveTextContent('paste');
  });

  it('a token already in the journal says so, with the date it was journaled', async () => {
    const { user } = renderApp({
      decodeToken: vi.fn(realDecode),
      addToken: vi.fn(async () =>
        ok({ entry: pastedEntry(), alreadySince: '2026-12-01T14:02:11.000Z' }),
      ),
    });
    const { dialog } = await openAddDialog(user);
    await user.paste(TOKEN);
    await within(dialog).findByText('Valid token');
    await user.click(within(dialog).getByRole('button', { name: 'Add to journal' }));
    expect(
      await screen.findByText(
        `This token of device ${UUID} is already in the journal since 2026-12-01T14:02:11.000Z: nothing was added.`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Added the token/)).not.toBeInTheDocument();
  });

  it('says the token is already in the journal, with since when, as soon as it is checked', async () => {
    const since = '2026-12-01T14:02:11.000Z';
    const { api, user } = renderApp({
      decodeToken: vi.fn(realDecode),
      listJournal: vi.fn(async () => ok([{ ...pastedEntry(), readAt: since }])),
    });
    const { dialog } = await openAddDialog(user);
    await user.paste(TOKEN);
    const already = await within(dialog).findByTestId('paste-already');
    expect(already).toHaveTextContent(
      `This token is already in the journal since ${since}: Add to journal will add nothing.`,
    );
    expect(api.addToken).not.toHaveBeenCalled();
  });

  it('says the device is already in the journal with another token, before Add', async () => {
    const { user } = renderApp({
      decodeToken: vi.fn(realDecode),
      listJournal: vi.fn(async () =>
        ok([
          { ...pastedEntry(), id: 'old', token: 'an.older-token', readAt: '2026-11-30T08:00:00Z' },
          {
            ...pastedEntry(),
            id: 'gone',
            token: 'a.gone-token',
            claimStatus: 'discarded' as const,
          },
        ]),
      ),
    });
    const { dialog } = await openAddDialog(user);
    await user.paste(TOKEN);
    expect(await within(dialog).findByTestId('paste-already')).toHaveTextContent(
      `Device ${UUID} is already in the journal since 2026-11-30T08:00:00Z, with another token`,
    );
  });

  it('names the kit an earlier entry of the device kept, as the journal table does', async () => {
    const earlier = {
      ...pastedEntry(),
      id: 'old',
      token: 'an.older-token',
      source: 'device' as const,
      serialNumber: 'THINGY91_1A2B3C4D5E6F',
      kitName: 'Thingy:91',
    };
    const { user } = renderApp({
      decodeToken: vi.fn(realDecode),
      listJournal: vi.fn(async () => ok([earlier])),
    });
    const { dialog } = await openAddDialog(user);
    await user.paste(TOKEN);
    const check = await within(dialog).findByTestId('paste-check');
    await waitFor(() => expect(check).toHaveTextContent('Valid token'));
    expect(check).toHaveTextContent('Model: Thingy:91 (nRF9160 SICA) (device type 3 in the token)');
    await user.keyboard('{Escape}');
    const table = await screen.findByTestId('journal-table');
    expect(table).toHaveTextContent('Thingy:91 (nRF9160 SICA)');
  });

  it('says nothing about the journal for a device it does not have', async () => {
    const { user } = renderApp({ decodeToken: vi.fn(realDecode) });
    const { dialog } = await openAddDialog(user);
    await user.paste(TOKEN);
    await within(dialog).findByText('Valid token');
    expect(within(dialog).queryByTestId('paste-already')).not.toBeInTheDocument();
  });

  it('names the precise fault with its code, keeps Add disabled, and accepts the fixed text', async () => {
    const { api, user } = renderApp({ decodeToken: vi.fn(realDecode) });
    const { dialog, field } = await openAddDialog(user);

    await user.paste(TRUNCATED);
    const check = await within(dialog).findByTestId('paste-check');
    await waitFor(() => expect(check).toHaveTextContent('Not a valid token'));
    // Plain words first, the decoder's exact finding below it.
    expect(check).toHaveTextContent(
      'The first half of the token (who the device is) is damaged or cut off. Copy the whole token again.',
    );
    expect(check).toHaveTextContent(/part 1 is truncated/);
    expect(within(check).getByTestId('error-code')).toHaveTextContent('TOKEN_PART1_INVALID');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('button', { name: 'Add to journal' })).toBeDisabled();

    await user.clear(field);
    await user.paste(`"${TOKEN}"`);
    await waitFor(() =>
      expect(within(dialog).getByTestId('paste-check')).toHaveTextContent('Valid token'),
    );
    expect(within(dialog).getByRole('button', { name: 'Add to journal' })).toBeEnabled();
    expect(api.addToken).not.toHaveBeenCalled();
  });

  it('keeps everything pasted in the field when adding fails, and says why', async () => {
    const { api, user } = renderApp({
      decodeToken: vi.fn(realDecode),
      addToken: vi.fn(async () => failWith('JOURNAL_WRITE_FAILED', 'The disk is full.')),
    });
    const { dialog, field } = await openAddDialog(user);
    const pasted = `[00:00:05.123,456] <inf> nrf_provisioning: Attestation token:\n${TOKEN}\n`;
    await user.paste(pasted);
    await within(dialog).findByText('Valid token');
    await user.click(within(dialog).getByRole('button', { name: 'Add to journal' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The disk is full.');
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('JOURNAL_WRITE_FAILED');
    expect(screen.getByRole('dialog', { name: 'Add a token' })).toBeInTheDocument();
    expect(field).toHaveValue(pasted);
    expect(api.addToken).toHaveBeenCalledTimes(1);
  });

  it('shows the verdict for the text in the field, not a late answer for older text', async () => {
    const late = deferred<Result<DecodedToken>>();
    const decodeToken = vi.fn(realDecode);
    decodeToken.mockImplementationOnce(() => late.promise);
    const { user } = renderApp({ decodeToken });
    const { dialog } = await openAddDialog(user);

    await user.paste(TOKEN.slice(0, 10));
    await user.paste(TOKEN.slice(10));
    await waitFor(() =>
      expect(within(dialog).getByTestId('paste-check')).toHaveTextContent('Valid token'),
    );
    await act(async () => late.resolve(failWith('TOKEN_MALFORMED', 'expected two parts')));
    expect(within(dialog).getByTestId('paste-check')).toHaveTextContent('Valid token');
    expect(within(dialog).queryByText('expected two parts')).not.toBeInTheDocument();
  });
});
