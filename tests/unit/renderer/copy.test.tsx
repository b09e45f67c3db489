import { screen } from '@testing-library/react';
import { TOKEN, UUID, failWith } from './fakeApi';
import { goToCopy, renderApp } from './renderApp';

describe('Copy step', () => {
  it('shows the whole token and confirms the copy with its last 6 characters', async () => {
    const { api, user } = renderApp();
    await goToCopy(user);
    expect(screen.getByTestId('token-text').textContent).toBe(TOKEN);
    expect(screen.getByText(/Store the token securely/)).toBeInTheDocument();
    expect(screen.getByText(/already saved in the journal/)).toBeInTheDocument();

    const copy = screen.getByRole('button', { name: 'Copy token' });
    expect(copy).toHaveFocus();
    await user.click(copy);
    expect(api.copyText).toHaveBeenCalledWith({ text: TOKEN });
    expect(await screen.findByTestId('copied')).toHaveTextContent(
      `Copied - ends in ${TOKEN.slice(-6)}`,
    );
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
  });

  it('saves the token to a file named after the device UUID', async () => {
    const { api, user } = renderApp();
    await goToCopy(user);
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
    await goToCopy(user);
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Clipboard unavailable');
    expect(screen.getByRole('alert')).toHaveTextContent('INTERNAL');
    expect(screen.queryByTestId('copied')).not.toBeInTheDocument();
  });
});
