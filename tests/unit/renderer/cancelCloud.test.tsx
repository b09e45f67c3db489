import { act, screen, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { ClaimView, DryRunView } from '../../../src-shared/ipc/cloud';
import type { ClaimPendingSummary, JournalEntryView } from '../../../src-shared/ipc/journal';
import { deferred, failWith, TOKEN, UUID } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

const CANCELLED = () => failWith('CANCELLED', 'The request to nRF Cloud was cancelled.');
const requestIdOf = (mock: { mock: { calls: unknown[][] } }, call = 0): string =>
  (mock.mock.calls[call]?.[0] as { requestId: string }).requestId;

/** Cancelled is neutral: an info status, never an error alert or an error-code chip. */
function expectNeutralCancel(notice: HTMLElement, text: string | RegExp) {
  expect(notice).toHaveTextContent(text);
  expect(notice).toHaveAttribute('role', 'status');
  expect(notice.className).toMatch(/Info/);
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(screen.queryByTestId('error-code')).not.toBeInTheDocument();
}

describe('Cancelling cloud calls', () => {
  it('cancels the running claim by its request id and shows "Cancelled" as a neutral outcome', async () => {
    const pending = deferred<Result<ClaimView>>();
    const claim = vi.fn(() => pending.promise);
    const { api, user } = renderApp({ claim });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    expect(screen.getByText('Claiming…')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledWith({ requestId: requestIdOf(claim) });
    await act(async () => pending.resolve(CANCELLED()));

    expectNeutralCancel(await screen.findByTestId('cloud-cancelled'), /^Cancelled/);
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.getByTestId('session-list')).not.toHaveTextContent('Failed');
    expect(screen.getByTestId('session-list')).toHaveTextContent('Token read');
    expect(screen.getByRole('button', { name: 'Claim device' })).toBeEnabled();
  });

  it('cancels the automatic dry run with its own request id', async () => {
    const pending = deferred<Result<DryRunView>>();
    const dryRun = vi.fn(() => pending.promise);
    const { api, user } = renderApp({ dryRun });
    await goToClaim(user);
    expect(await screen.findByText(/Asking nRF Cloud whether/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledTimes(1);
    expect(api.cancel).toHaveBeenCalledWith({ requestId: requestIdOf(dryRun) });
    await act(async () => pending.resolve(CANCELLED()));

    expectNeutralCancel(
      await screen.findByTestId('cloud-cancelled'),
      'Cancelled: the claimability check was stopped.',
    );
    expect(screen.getByRole('button', { name: 'Check claimability' })).toBeEnabled();
    expect(api.claim).not.toHaveBeenCalled();
  });

  it('offers Cancel during a retry countdown, and the countdown ends with the cancel', async () => {
    const pending = deferred<Result<ClaimView>>();
    const claim = vi.fn(() => pending.promise);
    const { api, user, emit } = renderApp({ claim });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    const requestId = requestIdOf(claim);
    act(() =>
      emit('onRetryScheduled', { requestId, attempt: 1, delayMs: 60_000, reason: 'SERVER_ERROR' }),
    );
    await screen.findByTestId('retry-countdown');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledWith({ requestId });
    await act(async () => pending.resolve(CANCELLED()));
    await screen.findByTestId('cloud-cancelled');
    expect(screen.queryByTestId('retry-countdown')).not.toBeInTheDocument();
  });

  it('still shows a real claim failure as an error', async () => {
    const { user } = renderApp({
      claim: vi.fn(async () => failWith('SERVER_ERROR', 'nRF Cloud had a server error')),
    });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('SERVER_ERROR');
    expect(screen.queryByTestId('cloud-cancelled')).not.toBeInTheDocument();
  });

  it('cancels "Claim pending" in the journal and reports the stop as cancelled, not as a failure', async () => {
    const pending = deferred<Result<ClaimPendingSummary>>();
    const claimPending = vi.fn(() => pending.promise);
    const unclaimed: JournalEntryView = {
      id: 'j1',
      token: TOKEN,
      deviceUuid: UUID,
      readAt: '2025-05-01T09:00:00Z',
      source: 'device',
      claimStatus: 'unclaimed',
    };
    const { api, user } = renderApp({
      claimPending,
      listJournal: vi.fn(async () => ok([unclaimed])),
    });
    await user.click(await screen.findByRole('tab', { name: 'Journal' }));
    await user.click(await screen.findByRole('button', { name: 'Claim pending' }));
    expect(screen.getByText('Claiming every pending token…')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledWith({ requestId: requestIdOf(claimPending) });
    await act(async () =>
      pending.resolve(
        ok({
          claimed: 0,
          alreadyClaimed: 0,
          failed: 0,
          notTried: 1,
          stoppedBy: { code: 'CANCELLED', message: 'The request to nRF Cloud was cancelled.' },
        }),
      ),
    );
    expectNeutralCancel(
      await screen.findByTestId('pending-cancelled'),
      'Cancelled: claiming pending tokens was stopped.',
    );
    expect(screen.queryByText('Claiming stopped early')).not.toBeInTheDocument();
    expect(
      screen.getByText('Claimed 0, already claimed 0, failed 0, not tried 1.'),
    ).toBeInTheDocument();
  });
});
