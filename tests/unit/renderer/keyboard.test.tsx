import { screen, waitFor } from '@testing-library/react';
import { TOKEN } from './fakeApi';
import { renderApp } from './renderApp';

describe('Keyboard and announcements', () => {
  it('walks the whole flow with Enter alone: each step focuses its primary action', async () => {
    const { api, user } = renderApp();
    const press = async (name: string) => {
      const button = await screen.findByRole('button', { name });
      await waitFor(() => expect(button).toHaveFocus());
      await user.keyboard('{Enter}');
    };
    await press('Connect');
    expect(api.connect).toHaveBeenCalledTimes(1);
    await press('Continue');
    await press('Read attestation token');
    expect(api.attest).toHaveBeenCalledTimes(1);
    await screen.findByTestId('attest-result');
    await press('Continue');
    await press('Copy token');
    expect(api.copyText).toHaveBeenCalledWith({ text: TOKEN });
    await press('Continue');
    await press('Claim device');
    expect(api.claim).toHaveBeenCalledTimes(1);
    await screen.findByTestId('claim-outcome');
    await press('Onboard next device');
    expect(await screen.findByRole('heading', { name: 'Select a device' })).toBeInTheDocument();
  });

  it('announces each step change in a polite live region', async () => {
    const { user } = renderApp();
    const region = screen.getByTestId('step-announcer');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Step 1 of 5: Select device');
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(region).toHaveTextContent('Step 2 of 5: Connect'));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(region).toHaveTextContent('Step 3 of 5: Attest'));
  });

  it('gives every icon-only button an accessible name', async () => {
    const { user } = renderApp();
    await screen.findByRole('button', { name: 'Connect' });
    for (const tab of ['Onboard', 'Diagnostics', 'Journal']) {
      await user.click(screen.getByRole('tab', { name: tab }));
      for (const button of screen.getAllByRole('button')) {
        expect(button.textContent?.trim() || button.getAttribute('aria-label')).toBeTruthy();
      }
    }
    expect(screen.getByRole('button', { name: 'Settings' })).toBeInTheDocument();
  });
});
