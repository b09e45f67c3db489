import { act, screen, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import { useAppStore } from '../../../src-renderer/src/store/appStore';
import { claimView, failWith, keyStatus, provisioningView, queueView, UUID } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

const GOOD_KEY = '0123456789abcdef0123456789abcdef01234567';
const REJECTED =
  'nRF Cloud rejected the API key (HTTP 401: “Unauthorized”). Keys are per user and per team: use the key of the team the device should join. After “Regenerate API key” the previous key stops working within 60 minutes; paste the new one.';

describe('Claim step', () => {
  it("asks for a key inline when none is stored, shows main's word on a malformed one once, and shows the team", async () => {
    const getKeyStatus = vi.fn(async () => ok(keyStatus(false)));
    const shape =
      "Non-hex character 'n' at position 1: an API key has only 0-9 and a-f. Copy it from the nRF Cloud portal: menu > User Account > Current Team Details > API key.";
    const addApiKey = vi.fn(async () => failWith('API_KEY_MALFORMED', shape));
    const { api, user } = renderApp({ getKeyStatus, addApiKey });
    await goToClaim(user);
    const form = await screen.findByTestId('api-key-form');
    const field = within(form).getByLabelText('API key');
    expect(field).toHaveFocus();

    await user.type(field, 'not-a-key{Enter}');
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(`${shape}API_KEY_MALFORMED`);
    expect(within(form).getByTestId('error-code')).toHaveTextContent('API_KEY_MALFORMED');
    expect(api.addApiKey).toHaveBeenCalledWith({ apiKey: 'not-a-key' });

    // A paste with quotes and `Bearer ` goes to main as pasted: main normalises it.
    getKeyStatus.mockResolvedValue(ok(keyStatus(true)));
    addApiKey.mockResolvedValue(ok(keyStatus(true)) as never);
    await user.clear(field);
    await user.paste(`"Bearer ${GOOD_KEY}"`);
    await user.keyboard('{Enter}');
    expect(api.addApiKey).toHaveBeenLastCalledWith({ apiKey: `"Bearer ${GOOD_KEY}"` });
    expect(await screen.findByText('Team Bench Team (owner)')).toBeInTheDocument();
    expect(screen.queryByTestId('api-key-form')).not.toBeInTheDocument();
  });

  it('warns in the key form itself when the OS has no real key store', async () => {
    const weak = keyStatus(false, { isEncryptionWeak: true, encryptionBackend: 'basic_text' });
    const { user } = renderApp({ getKeyStatus: vi.fn(async () => ok(weak)) });
    await goToClaim(user);
    const form = await screen.findByTestId('api-key-form');
    expect(within(form).getByTestId('weak-encryption')).toHaveTextContent('basic_text');
  });

  it('says plainly when nRF Cloud rejects the key', async () => {
    const { user } = renderApp({
      getKeyStatus: vi.fn(async () => ok(keyStatus(false))),
      addApiKey: vi.fn(async () => failWith('API_KEY_REJECTED', REJECTED)),
    });
    await goToClaim(user);
    await user.click(await screen.findByLabelText('API key'));
    await user.paste(GOOD_KEY);
    await user.keyboard('{Enter}');
    const alert = await within(screen.getByTestId('api-key-form')).findByRole('alert');
    // Main's message alone: the form used to put its own "rejected this key... regenerated"
    // sentence before main's, which says the same.
    expect(alert.textContent).toBe(`${REJECTED}API_KEY_REJECTED`);
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('API_KEY_REJECTED');
  });

  it('a Viewer key says once that the role cannot claim, not again in the dry-run verdict', async () => {
    const { user } = renderApp({
      getKeyStatus: vi.fn(async () => ok(keyStatus(true, { role: 'viewer', canClaim: false }))),
      dryRun: vi.fn(async () =>
        ok({
          claimable: false,
          reason:
            'Your role in this team cannot claim devices (HTTP 403: “Forbidden”). Claiming needs the Editor, Admin or Owner role: ask a team Admin or Owner to change your role, or to claim the device.',
          alreadyClaimedByYou: false,
          code: 'ROLE_CANNOT_CLAIM' as const,
        }),
      ),
    });
    await goToClaim(user);
    await screen.findByText(/Your role in this team \(viewer\) cannot claim devices/);
    const text = document.body.textContent ?? '';
    expect(text.match(/cannot claim devices/g)).toHaveLength(1);
    expect(text.match(/Editor, Admin or Owner/g)).toHaveLength(1);
  });

  it('runs the dry run first and shows why a device cannot be claimed', async () => {
    const { api, user } = renderApp({
      dryRun: vi.fn(async () =>
        ok({
          claimable: false,
          reason: 'Device is claimed by another team',
          alreadyClaimedByYou: false,
          code: 'CLAIMED_BY_OTHER' as const,
        }),
      ),
    });
    await goToClaim(user);
    expect(await screen.findByTestId('dry-run-result')).toHaveTextContent(
      'The device cannot be claimed: Device is claimed by another team',
    );
    expect(api.dryRun).toHaveBeenCalledTimes(1);
    expect(api.dryRun).toHaveBeenCalledWith(
      expect.objectContaining({ journalId: 'journal-1', tags: ['nrf-cloud-onboarding'] }),
    );
    expect(screen.getByTestId('error-code')).toHaveTextContent('CLAIMED_BY_OTHER');
    expect(screen.queryByRole('button', { name: 'Claim device' })).not.toBeInTheDocument();
    expect(api.claim).not.toHaveBeenCalled();
  });

  it('claims with the edited tags, shows the outcome and opens the portal link', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    const claim = await screen.findByRole('button', { name: 'Claim device' });
    expect(claim).toHaveFocus();
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'batch-7{Enter}');
    await user.click(claim);
    const outcome = await screen.findByTestId('claim-outcome');
    expect(outcome).toHaveTextContent('Device claimed');
    expect(outcome).toHaveTextContent(UUID);
    // nRF Cloud's nrf9160_SICA, spelled as the token's table does.
    expect(outcome).toHaveTextContent('Type: nRF9160 SICA');
    expect(outcome).not.toHaveTextContent('nrf9160_SICA');
    expect(outcome).toHaveTextContent('READY');
    expect(api.claim).toHaveBeenCalledWith(
      expect.objectContaining({
        journalId: 'journal-1',
        tags: ['nrf-cloud-onboarding', 'batch-7'],
      }),
    );
    await user.click(within(outcome).getByRole('button', { name: 'Open in nRF Cloud' }));
    expect(api.openExternal).toHaveBeenCalledWith({
      url: `https://nrfcloud.com/#/devices/${UUID}`,
    });
    expect(screen.getByTestId('session-list')).toHaveTextContent('Claimed');
  });

  it('brings the key form back when nRF Cloud rejects the stored key during the claim', async () => {
    const { user } = renderApp({
      claim: vi.fn(async () => failWith('API_KEY_REJECTED', 'Key revoked')),
    });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    expect(await screen.findByText('Key revoked')).toBeInTheDocument();
    expect(screen.getByTestId('api-key-form')).toBeInTheDocument();
    expect(screen.getByTestId('session-list')).toHaveTextContent('Failed');
  });

  it('shows "already claimed by your team" as information, not failure', async () => {
    const { user } = renderApp({
      claim: vi.fn(async () => ok(claimView({ alreadyClaimedByYou: true }))),
    });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    const outcome = await screen.findByTestId('claim-outcome');
    expect(outcome).toHaveTextContent('Already claimed by your team');
    expect(outcome.className).toMatch(/Info/);
    expect(screen.getByTestId('session-list')).toHaveTextContent('Already claimed by your team');
  });

  it("today's devices: a board provisioned after its claim reads connected, the journal's claim notwithstanding", async () => {
    const { emit, user } = renderApp();
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    await screen.findByTestId('claim-outcome');
    const session = screen.getByTestId('session-list');
    expect(session).toHaveTextContent('Claimed');
    // Main's next word: provisioned and seen on nRF Cloud (the journal still says claimed).
    const { jobs, flowJobId } = useAppStore.getState();
    const job = {
      ...jobs[flowJobId!]!.view,
      state: 'connected' as const,
      provisioning: provisioningView({ stage: 'connected' }),
    };
    act(() => emit('onJobChanged', { job, queue: queueView() }));
    expect(useAppStore.getState().journal?.[0]?.claimStatus).toBe('claimed');
    expect(session).toHaveTextContent('Connected to nRF Cloud');
    expect(within(session).queryByText('Claimed')).not.toBeInTheDocument();
  });

  it("today's devices: a board whose provisioning failed after its claim reads claimed, not connected, as a warning", async () => {
    const { emit, user } = renderApp();
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    await screen.findByTestId('claim-outcome');
    const session = screen.getByTestId('session-list');
    const { jobs, flowJobId } = useAppStore.getState();
    const error = { code: 'PROVISIONING_NO_COMMANDS' as const, message: 'no commands waiting' };
    const job = {
      ...jobs[flowJobId!]!.view,
      state: 'failed' as const,
      error,
      provisioning: provisioningView({ error }),
    };
    act(() => emit('onJobChanged', { job, queue: queueView() }));
    const label = within(session).getByText('Claimed, not connected');
    expect(label.closest('[data-status]')).toHaveAttribute('data-status', 'warning');
    expect(within(session).queryByText('Failed')).not.toBeInTheDocument();
  });

  it('announces a scheduled retry with a countdown while the claim waits', async () => {
    let resolveClaim: (value: Awaited<ReturnType<typeof ok>>) => void = () => undefined;
    const claim = vi.fn(() => new Promise((resolve) => (resolveClaim = resolve)));
    const { user, emit } = renderApp({ claim: claim as never });
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    const requestId = (claim.mock.calls[0] as unknown as [{ requestId: string }])[0].requestId;
    act(() =>
      emit('onRetryScheduled', { requestId, attempt: 1, delayMs: 30_000, reason: 'RATE_LIMITED' }),
    );
    expect(await screen.findByTestId('retry-countdown')).toHaveTextContent(
      /nRF Cloud asked to wait \(RATE_LIMITED\)\. Retrying in (30|29) s/,
    );
    await act(async () => resolveClaim(ok(claimView())));
    expect(await screen.findByTestId('claim-outcome')).toBeInTheDocument();
    expect(screen.queryByTestId('retry-countdown')).not.toBeInTheDocument();
  });

  it('"Onboard next device" returns to step 1 and keeps the key; the claimed job is left as it ended', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    await screen.findByTestId('claim-outcome');
    const next = screen.getByRole('button', { name: 'Onboard next device' });
    expect(next).toHaveFocus();
    await user.click(next);
    expect(await screen.findByRole('heading', { name: 'Select a device' })).toBeInTheDocument();
    // Main let go of the port when the job stopped to wait for the claim.
    expect(api.cancelJob).not.toHaveBeenCalled();
    expect(api.removeKey).not.toHaveBeenCalled();
    expect(screen.getByTestId('session-list')).toHaveTextContent(UUID);
    // The board just claimed carries its mark and is never offered again.
    const card = await screen.findByRole('radio', { name: /nRF9151 DK/ });
    expect(within(card).getByTestId('claimed-mark')).toHaveTextContent(/^Claimed \d/);
    expect(card).toHaveAttribute('aria-checked', 'false');
    expect(screen.queryByRole('button', { name: 'Connect' })).not.toBeInTheDocument();
  });

  it('"Onboard next device" before the claim lets the waiting job go (its token stays journaled)', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    await screen.findByTestId('dry-run-result');
    await user.click(screen.getByRole('button', { name: 'Onboard next device' }));
    expect(await screen.findByRole('heading', { name: 'Select a device' })).toBeInTheDocument();
    expect(api.cancelJob).toHaveBeenCalledWith({ id: '001051234567' });
    expect(api.claim).not.toHaveBeenCalled();
  });
});
