import { act, screen, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { AttestResult } from '../../../src-shared/ipc/serial';
import { attestResult, deferred, failWith, UUID } from './fakeApi';
import { goToAttest, renderApp } from './renderApp';

describe('Attest step', () => {
  it('shows progress events of its own request and cancels that request', async () => {
    const pending = deferred<Result<AttestResult>>();
    const attest = vi.fn((_input: { sessionId: string; requestId: string }) => pending.promise);
    const { api, user, emit } = renderApp({ attest });
    await goToAttest(user);
    await user.click(screen.getByRole('button', { name: 'Read attestation token' }));
    const progress = await screen.findByTestId('attest-progress');
    const requestId = attest.mock.calls[0]![0].requestId;
    expect(attest).toHaveBeenCalledWith({ sessionId: 'session-1', requestId });

    act(() => emit('onProgress', { requestId: 'someone-else', step: 'Not ours' }));
    act(() => emit('onProgress', { requestId, step: 'Sending AT%ATTESTTOKEN' }));
    expect(within(progress).getByRole('status')).toHaveTextContent('Sending AT%ATTESTTOKEN');
    expect(screen.queryByText('Not ours')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledWith({ requestId });
    await act(async () => pending.resolve(failWith('CANCELLED', 'Cancelled by the user')));
    expect(await screen.findByText('Reading was cancelled.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Read attestation token' })).toBeInTheDocument();
  });

  it('shows the decoded device and its warnings, and lists the read in the session', async () => {
    const warning = 'Claiming is documented for nRF91x1 only; nRF9160 may be refused.';
    const { user } = renderApp({ attest: vi.fn(async () => ok(attestResult([warning]))) });
    await goToAttest(user);
    await user.click(screen.getByRole('button', { name: 'Read attestation token' }));
    const card = await screen.findByTestId('attest-result');
    expect(card).toHaveTextContent(UUID);
    expect(card).toHaveTextContent('nRF9160 SICA (nRF9160-SICA)');
    expect(card).toHaveTextContent('mfw_nrf9160_1.3.2');
    expect(card).toHaveTextContent('351358811234567');
    expect(within(card).getByRole('alert')).toHaveTextContent(warning);
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();

    const session = screen.getByTestId('session-list');
    expect(session).toHaveTextContent(UUID);
    expect(session).toHaveTextContent('Token read');
  });

  it('shows an error with its code, never a stack, and opens the AT transcript', async () => {
    const { api, user } = renderApp({
      attest: vi.fn(async () => ({
        ok: false as const,
        error: {
          code: 'ATTEST_UNSUPPORTED' as const,
          message: 'Modem firmware 1.2.0 has no AT%ATTESTTOKEN',
          detail: 'Error: x\n    at foo (bar.js:1:1)',
        },
      })),
    });
    await goToAttest(user);
    await user.click(screen.getByRole('button', { name: 'Read attestation token' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Modem firmware 1.2.0 has no AT%ATTESTTOKEN');
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('ATTEST_UNSUPPORTED');
    expect(screen.queryByText(/bar\.js/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show AT transcript' }));
    const dialog = await screen.findByRole('dialog', { name: /AT transcript/ });
    expect(api.getTranscript).toHaveBeenCalledWith({
      path: '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if00',
    });
    const transcript = await within(dialog).findByTestId('transcript');
    expect(transcript).toHaveTextContent('at AT%ATTESTTOKEN\\r\\n');
    expect(transcript).toHaveTextContent('sent');
    expect(within(transcript).getByText('mode: shell')).toHaveStyle({ fontStyle: 'italic' });
    await user.click(within(dialog).getByRole('button', { name: 'Copy transcript' }));
    expect(vi.mocked(api.copyText).mock.calls[0]![0].text).toMatch(/→ at AT%ATTESTTOKEN/);
  });
});
