import { screen } from '@testing-library/react';
import { TOKEN, UUID, failWith } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

describe('Copy and Save beside the decision (not a step to pass)', () => {
  it('shows the whole token on demand and confirms the copy with its last 6 characters', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    // The decision keeps the focus; copying is there, not in the way.
    expect(screen.getByRole('button', { name: 'Claim device' })).toHaveFocus();
    expect(screen.queryByTestId('token-text')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show the token' }));
    expect(screen.getByTestId('token-text').textContent).toBe(TOKEN);

    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: TOKEN });
    expect(await screen.findByTestId('copied')).toHaveTextContent(
      `Copied - ends in ${TOKEN.slice(-6)}`,
    );
  });

  it('saves the token to a file named after the device UUID', async () => {
    const { api, user } = renderApp();
    await goToClaim(user);
    await user.click(screen.getByRole('button', { name: 'Save to file' }));
    expect(api.saveTextFile).toHaveBeenCalledWith({
      suggestedName: `attestation-token-${UUID}.txt`,
      content: `${TOKEN}\n`,
    });
    expect(await screen.findByText('Saved to /home/tech/token.txt')).toBeInTheDocument();
  });

  it('shows a clipboard failure instead of claiming success', async () => {
    const { user } = renderApp({
      copyText: vi.fn(async () => failWith('INTERNAL', 'Clipboard unavailable')),
    });
    await goToClaim(user);
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await screen.findByText('Clipboard unavailable')).toBeInTheDocument();
    expect(screen.queryByTestId('copied')).not.toBeInTheDocument();
  });
});
