import { screen, waitFor } from '@testing-library/react';
import { renderApp } from './renderApp';

describe('Keyboard and announcements', () => {
  it('one board is two Enter presses: Connect, then Claim; the pass screen focuses the next board', async () => {
    const { api, user } = renderApp();
    const press = async (name: string) => {
      const button = await screen.findByRole('button', { name });
      await waitFor(() => expect(button).toHaveFocus());
      await user.keyboard('{Enter}');
    };
    await press('Connect');
    expect(api.connect).toHaveBeenCalledTimes(1);
    await press('Claim device');
    // Read and dry run ran by themselves before the one decision.
    expect(api.attest).toHaveBeenCalledTimes(1);
    expect(api.dryRun).toHaveBeenCalledTimes(1);
    expect(api.claim).toHaveBeenCalledTimes(1);
    const pass = await screen.findByTestId('result-pass');
    expect(pass).toHaveTextContent('Claimed');
    expect(pass).toHaveTextContent('001051234567');
    expect(pass).toHaveTextContent('351358811234567');
    expect(pass).toHaveTextContent('…01627d');
    await press('Onboard next device');
    expect(await screen.findByRole('heading', { name: 'Select a device' })).toBeInTheDocument();
  });

  it('announces each step change in a polite live region, marks Claim done and Provision skipped', async () => {
    const { user } = renderApp();
    const region = screen.getByTestId('step-announcer');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Step 1 of 5: Select device');
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(region).toHaveTextContent('Step 4 of 5: Claim'));
    await user.click(await screen.findByRole('button', { name: 'Claim device' }));
    await waitFor(() => expect(region).toHaveTextContent('Done: claimed'));
    // Every step up to Claim is marked completed; Provision did not run, and says so.
    const completed = document.querySelectorAll('.MuiStepLabel-label.Mui-completed');
    expect([...completed].map((e) => e.textContent)).toEqual([
      'Select device',
      'Connect',
      'Read token',
      'Claim',
    ]);
    expect(screen.getByTestId('step-provision')).toHaveTextContent('Skipped: did not run');
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
