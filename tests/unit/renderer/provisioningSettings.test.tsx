import { screen, waitFor, within } from '@testing-library/react';
import { parseTimeoutS } from '../../../src-renderer/src/features/settings/ProvisioningFields';
import { renderApp } from './renderApp';

const openSettings = async () => {
  const app = renderApp();
  await app.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { ...app, dialog };
};

describe('Settings: provisioning after the claim', () => {
  it('is a switch, on by default, with its explanation; turning it off is sent to main', async () => {
    const { api, user, dialog } = await openSettings();
    const toggle = within(dialog).getByRole('switch', { name: 'Provision after the claim' });
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleDescription(
      /ask the device to fetch its credentials and watch it until it connects to nRF Cloud/,
    );
    await user.click(toggle);
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(api.updateSettings).toHaveBeenCalledWith(
        expect.objectContaining({ isProvisioningOn: false, provisioningTimeoutS: 300 }),
      ),
    );
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('the time limit in seconds, explained, is sent to main as a number', async () => {
    const { api, user, dialog } = await openSettings();
    const limit = within(dialog).getByRole('textbox', {
      name: 'Provisioning time limit (seconds)',
    });
    expect(limit).toHaveValue('300');
    expect(limit).toHaveAccessibleDescription(/PROVISIONING_TIMEOUT: 10 to 3600 seconds/);
    await user.clear(limit);
    await user.type(limit, '900');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(api.updateSettings).toHaveBeenCalledWith(
        expect.objectContaining({ provisioningTimeoutS: 900, isProvisioningOn: true }),
      ),
    );
  });

  it.each([
    ['', 'Enter the provisioning time limit in seconds, from 10 to 3600.'],
    ['abc', '“abc” is not a whole number of seconds. Enter 10 to 3600.'],
    ['12.5', '“12.5” is not a whole number of seconds. Enter 10 to 3600.'],
    ['9', '9 seconds is out of range: the limit must be 10 to 3600 seconds.'],
    ['3601', '3601 seconds is out of range: the limit must be 10 to 3600 seconds.'],
  ])('a limit of %j says what is wrong and is not saved', async (typed, message) => {
    const { api, user, dialog } = await openSettings();
    const limit = within(dialog).getByRole('textbox', {
      name: 'Provisioning time limit (seconds)',
    });
    await user.clear(limit);
    if (typed !== '') await user.type(limit, typed);
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    expect(limit).toHaveAccessibleDescription(message);
    expect(within(dialog).getByRole('alert')).toHaveTextContent(message);
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    expect(limit).toHaveFocus();
    expect(api.updateSettings).not.toHaveBeenCalled();
    // Mended, it saves.
    await user.clear(limit);
    await user.type(limit, '60');
    expect(limit).toHaveAttribute('aria-invalid', 'false');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(api.updateSettings).toHaveBeenCalledWith(
        expect.objectContaining({ provisioningTimeoutS: 60 }),
      ),
    );
  });

  it('an invalid limit counts as an unsaved change: Close asks first', async () => {
    const { api, user, dialog } = await openSettings();
    await user.clear(
      within(dialog).getByRole('textbox', { name: 'Provisioning time limit (seconds)' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('dialog', { name: 'Discard unsaved settings?' })).toBeVisible();
    expect(api.updateSettings).not.toHaveBeenCalled();
  });

  it('parseTimeoutS takes whole seconds within the bounds, spaces trimmed', () => {
    expect(parseTimeoutS(' 10 ')).toEqual({ ok: true, seconds: 10 });
    expect(parseTimeoutS('3600')).toEqual({ ok: true, seconds: 3600 });
    for (const bad of ['', ' ', '1e3', '-20', '0x20', '300s'])
      expect(parseTimeoutS(bad).ok).toBe(false);
  });
});
