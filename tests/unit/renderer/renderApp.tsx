/** Renders the whole App against a fake bridge, with a fresh store, and helpers to walk the flow. */
import { StrictMode } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../src-renderer/src/App';
import { setApiForTests } from '../../../src-renderer/src/bridge';
import { resetAppStore } from '../../../src-renderer/src/store/appStore';
import { createFakeApi, type FakeApi } from './fakeApi';
import type { Api } from '../../../src-renderer/src/bridge';

export function renderApp(
  overrides: Partial<Api> = {},
): FakeApi & { user: ReturnType<typeof userEvent.setup> } {
  const fake = createFakeApi(overrides);
  resetAppStore();
  setApiForTests(fake.api);
  const user = userEvent.setup({ delay: null });
  // StrictMode as in main.tsx, so effects that would double-fire requests are caught here.
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  return { ...fake, user };
}

afterEach(() => {
  setApiForTests(undefined);
});

type User = ReturnType<typeof userEvent.setup>;

/**
 * From a fresh App with the default fake: Connect (the board is auto-selected); the job connects,
 * reads and dry-runs by itself. Ends on the board's screen, once the token is read.
 */
export async function goToBoard(user: User): Promise<void> {
  await user.click(await screen.findByRole('button', { name: 'Connect' }));
  await screen.findByTestId('flow-board');
}

/** Waits for the one decision: the identity read and the claim offered (or the key asked for). */
export async function goToClaim(user: User): Promise<void> {
  await goToBoard(user);
  await screen.findByRole('heading', { name: 'Claim this board?' });
  await within(await screen.findByTestId('attest-result')).findByText(/Device identified/);
}
