import { act, screen, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { AttestResult } from '../../../src-shared/ipc/serial';
import { connectResult, deferred, failWith } from './fakeApi';
import { renderApp } from './renderApp';

const AT_PORT = '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if00';
const OTHER_PORT = '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if02';

describe('Connect step', () => {
  it('connects to the chosen AT port and shows the firmware mode in words', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const success = await screen.findByTestId('connect-success');
    expect(success).toHaveTextContent('Zephyr shell: commands are sent with the `at ` prefix');
    expect(success).toHaveTextContent(`Connected to ${AT_PORT}`);
    // The flow starts its job in main, which stops before the claim; main opens the port.
    expect(api.startJob).toHaveBeenCalledWith({
      path: AT_PORT,
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(api.connect).toHaveBeenCalledWith({ path: AT_PORT, deviceSerial: '001051234567' });
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
  });

  it('shows a busy port with its cause, fix, copyable command, code, and a Retry that works', async () => {
    const connect = vi
      .fn()
      .mockResolvedValueOnce(failWith('PORT_BUSY', 'Cannot lock port'))
      .mockResolvedValue(ok(connectResult(AT_PORT)));
    const explainError = vi.fn(async () =>
      ok({
        title: 'The port is in use',
        cause: 'minicom (pid 1234) holds it.',
        fix: 'Close minicom, then retry.',
        fixCommand: 'kill 1234',
      }),
    );
    const { api, user } = renderApp({ connect, explainError });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(`Could not connect to ${AT_PORT}`)).toBeInTheDocument();
    expect(await within(alert).findByText(/minicom \(pid 1234\) holds it/)).toBeInTheDocument();
    expect(within(alert).getByText(/Close minicom, then retry/)).toBeInTheDocument();
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('PORT_BUSY');
    expect(explainError).toHaveBeenCalledWith({
      error: { code: 'PORT_BUSY', message: 'Cannot lock port' },
      path: AT_PORT,
    });

    await user.click(within(alert).getByRole('button', { name: 'Copy command' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: 'kill 1234' });
    expect(within(alert).queryByRole('button', { name: /^Try / })).not.toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('connect-success')).toBeInTheDocument();
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it("offers the board's other port in one click when the chosen one does not answer", async () => {
    const connect = vi.fn(async ({ path }: { path: string }) =>
      path === AT_PORT ? failWith('NO_ANSWER', 'No reply within 2 s') : ok(connectResult(path)),
    );
    const { api, user } = renderApp({ connect });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const tryOther = await screen.findByRole('button', { name: `Try ${OTHER_PORT}` });
    expect(tryOther).toHaveFocus();
    await user.click(tryOther);
    const success = await screen.findByTestId('connect-success');
    expect(success).toHaveTextContent(`Connected to ${OTHER_PORT}`);
    expect(api.startJob).toHaveBeenLastCalledWith({
      path: OTHER_PORT,
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(connect).toHaveBeenLastCalledWith({ path: OTHER_PORT });
  });

  it('returns to the Connect step with the reason when the session closes before the token is read', async () => {
    // The job reads on by itself: held here, so the port goes while it still reads.
    const reading = deferred<Result<AttestResult>>();
    const { user, emit } = renderApp({ attest: vi.fn(() => reading.promise) });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Read the attestation token' });
    act(() =>
      emit('onSessionClosed', {
        sessionId: 'session-1',
        path: AT_PORT,
        reason: { code: 'PORT_GONE', message: 'The device was unplugged' },
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Connect to the device' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('error-code')).toHaveTextContent('PORT_GONE');
  });
});
