import { screen, waitFor, within } from '@testing-library/react';
import type { AppNotice } from '../../../src-shared/ipc/app';
import { ok } from '../../../src-shared/ipc/errors';
import { renderApp } from './renderApp';

const journalNotice: AppNotice = {
  id: 'journal-damage:/data/token-journal.jsonl.damaged-0123456789ab',
  level: 'warning',
  code: 'JOURNAL_CORRUPT',
  message:
    'The token journal is damaged: 3 entries read and kept, 1 unreadable line (29 bytes) skipped.',
  file: '/data/token-journal.jsonl',
  copy: '/data/token-journal.jsonl.damaged-0123456789ab',
  detail: 'line 4 (last, 29 bytes, no line end): an incomplete record (its write was cut off)',
};

const newerSettings: AppNotice = {
  id: 'settings:SETTINGS_FROM_NEWER_VERSION:/data/settings.json',
  level: 'warning',
  code: 'SETTINGS_FROM_NEWER_VERSION',
  message: 'The settings file was written by a newer version of Onboarder.',
  file: '/data/settings.json',
};

describe('recovery notices', () => {
  it('shows what main recovered from at start-up: what was kept and where the copy went', async () => {
    renderApp({ listNotices: vi.fn(async () => ok([journalNotice])) });
    const notice = await screen.findByTestId('recovery-notice');
    expect(
      within(notice).getByText('Part of the token journal could not be read'),
    ).toBeInTheDocument();
    expect(within(notice).getByText(/3 entries read and kept/)).toBeInTheDocument();
    expect(within(notice).getByTestId('error-code')).toHaveTextContent('JOURNAL_CORRUPT');
    expect(
      within(notice).getByText(
        'Copy of the damaged file: /data/token-journal.jsonl.damaged-0123456789ab',
      ),
    ).toBeInTheDocument();
    expect(within(notice).getByText(/line 4 \(last, 29 bytes/)).toBeInTheDocument();
  });

  it('copies the path of the damaged copy for a support ticket', async () => {
    const { api, user } = renderApp({ listNotices: vi.fn(async () => ok([journalNotice])) });
    await user.click(await screen.findByRole('button', { name: 'Copy path' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: journalNotice.copy });
  });

  it('dismisses a notice in the window and in main', async () => {
    const { api, user } = renderApp({
      listNotices: vi.fn(async () => ok([journalNotice, newerSettings])),
    });
    expect(await screen.findAllByTestId('recovery-notice')).toHaveLength(2);
    await user.click(
      screen.getByRole('button', {
        name: 'Dismiss: Settings from a newer version are left untouched',
      }),
    );
    expect(api.dismissNotice).toHaveBeenCalledWith({ id: newerSettings.id });
    expect(screen.getAllByTestId('recovery-notice')).toHaveLength(1);
    expect(screen.queryByText(/written by a newer version/)).not.toBeInTheDocument();
  });

  it('shows a notice main raises later (the demo journal, say) and drops one main dismissed', async () => {
    const { emit } = renderApp();
    await screen.findByRole('heading', { name: 'Select a device' });
    expect(screen.queryByTestId('recovery-notice')).not.toBeInTheDocument();
    emit('onNoticesChanged', [journalNotice]);
    expect(await screen.findByTestId('recovery-notice')).toBeInTheDocument();
    emit('onNoticesChanged', []);
    await waitFor(() => expect(screen.queryByTestId('recovery-notice')).not.toBeInTheDocument());
  });
});
