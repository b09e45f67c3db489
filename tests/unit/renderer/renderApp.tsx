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

/** From a fresh App with the default fake: select (auto), connect, continue. Ends on the Attest step. */
export async function goToAttest(user: User): Promise<void> {
  await user.click(await screen.findByRole('button', { name: 'Connect' }));
  await user.click(await screen.findByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { name: 'Read the attestation token' });
}

/** Continues to the Copy step after a successful read. */
export async function goToCopy(user: User): Promise<void> {
  await goToAttest(user);
  await user.click(screen.getByRole('button', { name: 'Read attestation token' }));
  await within(await screen.findByTestId('attest-result')).findByText(/Device identified/);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { name: 'Copy the token' });
}

/** Continues to the Claim step. */
export async function goToClaim(user: User): Promise<void> {
  await goToCopy(user);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { name: 'Claim on nRF Cloud' });
}
