import { screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import type { DryRunView } from '../../../src-shared/ipc/cloud';
import { renderApp } from './renderApp';

const missing: DryRunView = {
  claimable: true,
  alreadyClaimedByYou: false,
  rules: { isCovered: false, tags: ['nrf-cloud-onboarding'] },
};
const covered: DryRunView = {
  claimable: true,
  alreadyClaimedByYou: false,
  rules: { isCovered: true, ruleName: 'nRF Cloud Onboarding', tags: ['nrf-cloud-onboarding'] },
};

describe('No onboarding rule for the claim tags', () => {
  it('offers Create, focused, and no Claim: the device would never receive its credentials', async () => {
    const { api, user } = renderApp({ dryRun: vi.fn(async () => ok(missing)) });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const verdict = await screen.findByTestId('dry-run-result');
    expect(verdict).toHaveTextContent(
      'the device would be claimed but never receive its credentials',
    );
    expect(within(verdict).getByTestId('error-code')).toHaveTextContent('ONBOARDING_RULE_MISSING');
    const create = screen.getByRole('button', { name: 'Create the nRF Cloud Onboarding rule' });
    await waitFor(() => expect(create).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Claim device' })).not.toBeInTheDocument();
    expect(api.createOnboardingRule).not.toHaveBeenCalled();
  });

  it('creates the rule, says what was created, checks again and focuses Claim', async () => {
    const dryRun = vi.fn(async () => ok(missing));
    const { api, user } = renderApp({ dryRun });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await screen.findByTestId('rule-missing');
    dryRun.mockImplementation(async () => ok(covered));
    await user.click(screen.getByRole('button', { name: 'Create the nRF Cloud Onboarding rule' }));
    const created = await screen.findByTestId('rule-created');
    expect(created).toHaveTextContent('Created the rule “nRF Cloud Onboarding”');
    expect(created).toHaveTextContent('“nrf-cloud-onboarding”');
    expect(created).toHaveTextContent('clientPrivateKeyGeneration');
    expect(api.createOnboardingRule).toHaveBeenCalledTimes(1);
    const claim = await screen.findByRole('button', { name: 'Claim device' });
    await waitFor(() => expect(claim).toHaveFocus());
    expect(screen.getByTestId('dry-run-result')).toHaveTextContent('The device can be claimed.');
    expect(screen.queryByTestId('rule-missing')).not.toBeInTheDocument();
    expect(dryRun).toHaveBeenCalledTimes(2);
  });

  it('a key that may not create it gets RULE_CREATE_REFUSED explained, and Create stays', async () => {
    const dryRun = vi.fn(async () => ok(missing));
    const { user } = renderApp({
      dryRun,
      createOnboardingRule: vi.fn(async () => ({
        ok: false as const,
        error: {
          code: 'RULE_CREATE_REFUSED' as const,
          message: 'nRF Cloud refused to create the rule: the key has the viewer role.',
        },
      })),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await user.click(
      await screen.findByRole('button', { name: 'Create the nRF Cloud Onboarding rule' }),
    );
    const alert = await within(screen.getByTestId('rule-missing')).findByRole('alert');
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('RULE_CREATE_REFUSED');
    expect(alert).toHaveTextContent('viewer');
    expect(dryRun).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Claim device' })).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create the nRF Cloud Onboarding rule' }),
    ).toBeEnabled();
  });

  it('an existing rule found on create is named as such, not as created', async () => {
    const dryRun = vi.fn(async () => ok(missing));
    const { user } = renderApp({
      dryRun,
      createOnboardingRule: vi.fn(async () =>
        ok({
          name: 'nRF Cloud Onboarding',
          tags: ['nrf-cloud-onboarding'],
          isActive: true,
          commandTypes: ['serverCertificate'],
          wasCreated: false,
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    dryRun.mockImplementation(async () => ok(covered));
    await user.click(
      await screen.findByRole('button', { name: 'Create the nRF Cloud Onboarding rule' }),
    );
    expect(await screen.findByTestId('rule-created')).toHaveTextContent('nothing was created');
  });
});
