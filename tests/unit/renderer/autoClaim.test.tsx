import { act, screen, waitFor, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { ClaimView } from '../../../src-shared/ipc/cloud';
import type { PublicSettings } from '../../../src-shared/ipc/settings';
import { useAppStore } from '../../../src-renderer/src/store/appStore';
import { deferred, device, keyStatus, settings, snapshot } from './fakeApi';
import { renderApp } from './renderApp';

const autoOn = () => vi.fn(async () => ok<PublicSettings>({ ...settings(), isAutoClaimOn: true }));
const NEW_BOARD = '001051200042';

describe('Claim without asking', () => {
  it('a board that arrives is claimed with no action at all once the dry run passes', async () => {
    const { api, emit } = renderApp({ getSettings: autoOn() });
    await screen.findByRole('radio', { name: /nRF9151 DK/ });
    act(() => emit('onDevicesChanged', snapshot([device(), device(NEW_BOARD)])));

    const pass = await screen.findByTestId('result-pass');
    expect(pass).toHaveTextContent(NEW_BOARD);
    expect(pass).toHaveTextContent('Claimed');
    expect(api.claimJob).toHaveBeenCalledTimes(1);
    expect(api.claimJob).toHaveBeenCalledWith({ id: NEW_BOARD, tags: ['nrf-cloud-onboarding'] });
    expect(api.claim).toHaveBeenCalledTimes(1);
  });

  it('off by default: the flow waits with Claim focused and claims nothing by itself', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const claim = await screen.findByRole('button', { name: 'Claim device' });
    await waitFor(() => expect(claim).toHaveFocus());
    expect(screen.getByTestId('dry-run-result')).toHaveTextContent('The device can be claimed.');
    expect(api.claimJob).not.toHaveBeenCalled();
    expect(api.claim).not.toHaveBeenCalled();
    expect(screen.queryByTestId('auto-claim-stopped')).not.toBeInTheDocument();
  });

  it('stops and asks when the dry run says the device is not claimable', async () => {
    const { api, user } = renderApp({
      getSettings: autoOn(),
      dryRun: vi.fn(async () =>
        ok({
          claimable: false,
          reason: 'Device is claimed by another team',
          alreadyClaimedByYou: false,
          code: 'CLAIMED_BY_OTHER' as const,
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const verdict = await screen.findByTestId('dry-run-result');
    expect(verdict).toHaveTextContent('claimed by another team');
    expect(screen.getByTestId('auto-claim-stopped')).toHaveTextContent(
      'Claim without asking is on, but this board waits for you',
    );
    expect(api.claimJob).not.toHaveBeenCalled();
    expect(api.claim).not.toHaveBeenCalled();
  });

  it('stops and asks when no provisioning rule covers the tags (ONBOARDING_RULE_MISSING)', async () => {
    const { api, user } = renderApp({
      getSettings: autoOn(),
      dryRun: vi.fn(async () =>
        ok({
          claimable: true,
          alreadyClaimedByYou: false,
          rules: { isCovered: false, tags: ['nrf-cloud-onboarding'] },
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const verdict = await screen.findByTestId('dry-run-result');
    expect(verdict).toHaveTextContent(
      'No active provisioning rule in this team carries “nrf-cloud-onboarding”',
    );
    expect(within(verdict).getByTestId('error-code')).toHaveTextContent('ONBOARDING_RULE_MISSING');
    expect(screen.getByTestId('auto-claim-stopped')).toBeInTheDocument();
    // The technician decides: creating the rule is offered instead of the claim, nothing was sent.
    expect(
      await screen.findByRole('button', { name: 'Create the nRF Cloud Onboarding rule' }),
    ).toBeInTheDocument();
    expect(api.claimJob).not.toHaveBeenCalled();
  });

  it("stops when the key's role may not claim, even if the dry run let it through", async () => {
    const { api, user } = renderApp({
      getSettings: autoOn(),
      getKeyStatus: vi.fn(async () => ok(keyStatus(true, { role: 'viewer', canClaim: false }))),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await screen.findByTestId('dry-run-result');
    expect(await screen.findByRole('button', { name: 'Claim device' })).toBeInTheDocument();
    // The check was clean: the notice says it is the role that stopped it, not the check.
    const notice = screen.getByTestId('auto-claim-stopped');
    expect(notice).toHaveTextContent(
      'Claim without asking is on, but this board waits for you: the role of the stored API key cannot claim devices.',
    );
    expect(notice).not.toHaveTextContent('the check did not say');
    expect(api.claimJob).not.toHaveBeenCalled();
  });

  it('says nothing of stopping while there is no key yet: the key form asks for one', async () => {
    const { api, user } = renderApp({
      getSettings: autoOn(),
      getKeyStatus: vi.fn(async () => ok(keyStatus(false))),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    expect(await screen.findByTestId('api-key-form')).toBeInTheDocument();
    const flowJob = () => {
      const { jobs, flowJobId } = useAppStore.getState();
      return flowJobId === undefined ? undefined : jobs[flowJobId]?.view;
    };
    // Waiting, its check stopped for want of a key: the form is the answer, not the notice.
    await waitFor(() => expect(flowJob()?.dryRunError?.code).toBe('API_KEY_MISSING'));
    expect(flowJob()?.state).toBe('ready-to-claim');
    expect(screen.queryByTestId('auto-claim-stopped')).not.toBeInTheDocument();
    expect(api.claimJob).not.toHaveBeenCalled();
  });

  it('a cancelled automatic claim is not sent again: the board waits for the user', async () => {
    const answer = deferred<Result<ClaimView>>();
    const { api, user } = renderApp({
      getSettings: autoOn(),
      claim: vi.fn(() => answer.promise),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(api.claim).toHaveBeenCalledTimes(1));
    await act(async () =>
      answer.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } }),
    );
    expect(await screen.findByRole('button', { name: 'Claim device' })).toBeInTheDocument();
    expect(api.claimJob).toHaveBeenCalledTimes(1);
    expect(api.claim).toHaveBeenCalledTimes(1);
  });

  it('is a switch in Settings with its explanation, saved with the other settings', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const toggle = within(dialog).getByRole('switch', { name: 'Claim without asking' });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/still stops and asks/);
    await user.click(toggle);
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(api.updateSettings).toHaveBeenCalledWith(
        expect.objectContaining({ isAutoClaimOn: true }),
      ),
    );
  });
});
