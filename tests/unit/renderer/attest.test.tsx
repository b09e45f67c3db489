import { act, screen, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { AttestResult } from '../../../src-shared/ipc/serial';
import { attestResult, deferred, failWith, UUID } from './fakeApi';
import { goToBoard, renderApp } from './renderApp';

describe('Reading the token (by itself, on the board screen)', () => {
  it('shows progress events of its own request and cancels that request', async () => {
    const pending = deferred<Result<AttestResult>>();
    const attest = vi.fn((_input: { sessionId: string; requestId: string }) => pending.promise);
    const { api, user, emit } = renderApp({ attest });
    await goToBoard(user);
    const progress = await screen.findByTestId('flow-progress');
    await vi.waitFor(() => expect(attest).toHaveBeenCalled());
    // No token yet: the kit's name alone.
    expect(screen.getByTestId('flow-board')).toHaveTextContent(/^nRF9151 DK · SN 001051234567$/);
    const requestId = attest.mock.calls[0]![0].requestId;
    expect(attest).toHaveBeenCalledWith({ sessionId: 'session-1', requestId });

    act(() => emit('onProgress', { requestId: 'someone-else', step: 'Not ours' }));
    act(() => emit('onProgress', { requestId, step: 'Sending AT%ATTESTTOKEN' }));
    expect(await within(progress).findByText('Sending AT%ATTESTTOKEN')).toBeInTheDocument();
    expect(screen.queryByText('Not ours')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancel).toHaveBeenCalledWith({ requestId });
    await act(async () => pending.resolve(failWith('CANCELLED', 'Cancelled by the user')));
    const stopped = await screen.findByTestId('result-fail');
    expect(within(stopped).getByRole('heading', { name: 'Stopped' })).toBeInTheDocument();
    expect(within(stopped).getByRole('button', { name: 'Retry' })).toHaveFocus();
  });

  it('shows the decoded device and its warnings, focuses Claim, and lists the read in the session', async () => {
    const warning = 'Claiming is documented for nRF91x1 only; nRF9160 may be refused.';
    const { user } = renderApp({ attest: vi.fn(async () => ok(attestResult([warning]))) });
    await goToBoard(user);
    const card = await screen.findByTestId('attest-result');
    expect(card).toHaveTextContent(UUID);
    // The fake's kit carries a real nRF9160 token: kit, then the token's SiP, one spelling.
    expect(card).toHaveTextContent('nRF9151 DK (nRF9160 SICA)');
    expect(card).not.toHaveTextContent('nRF9160-SICA');
    expect(card).toHaveTextContent('mfw_nrf9160_1.3.2');
    expect(card).toHaveTextContent('351358811234567');
    expect(within(card).getByRole('alert')).toHaveTextContent(warning);
    expect(await screen.findByRole('button', { name: 'Claim device' })).toHaveFocus();

    const session = screen.getByTestId('session-list');
    expect(session).toHaveTextContent(UUID);
    expect(session).toHaveTextContent('Token read');
    expect(session).toHaveTextContent('nRF9151 DK (nRF9160 SICA)');
    // The label on the board and the modem's IMEI beside the UUID.
    expect(session).toHaveTextContent('SN 001051234567');
    expect(session).toHaveTextContent('IMEI 351358811234567');
  });

  it('shows an error with its code on the fail screen, never a stack, and opens the AT transcript', async () => {
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
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const fail = await screen.findByTestId('result-fail');
    expect(fail).toHaveTextContent('Modem firmware 1.2.0 has no AT%ATTESTTOKEN');
    expect(within(fail).getByTestId('error-code')).toHaveTextContent('ATTEST_UNSUPPORTED');
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
