import { act, screen, within } from '@testing-library/react';
import { ok, type Result } from '../../../src-shared/ipc/errors';
import type { AttestResult } from '../../../src-shared/ipc/serial';
import { connectResult, deferred, device, failWith, snapshot } from './fakeApi';
import { renderApp } from './renderApp';

const AT_PORT = '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if00';
const OTHER_PORT = '/dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if02';

describe('Connect (the board screen works by itself)', () => {
  it('connects to the chosen AT port, shows the firmware mode in words, and goes on to the claim', async () => {
    const { api, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    const progress = await screen.findByTestId('flow-progress');
    expect(
      await within(progress).findByText(/Zephyr shell: commands are sent/),
    ).toBeInTheDocument();
    // The flow starts its job in main, which stops before the claim; main opens the port.
    expect(api.startJob).toHaveBeenCalledWith({
      path: AT_PORT,
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(api.connect).toHaveBeenCalledWith({ path: AT_PORT, deviceSerial: '001051234567' });
    // No Continue, no Read: the one decision is focused once the dry run answered.
    expect(await screen.findByRole('button', { name: 'Claim device' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();
    // The kit, and the SiP its token names (the fake's kit carries a real nRF9160 token).
    expect(screen.getByTestId('flow-board')).toHaveTextContent(
      'nRF9151 DK (nRF9160 SICA) · SN 001051234567',
    );
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
    expect(await screen.findByRole('button', { name: 'Claim device' })).toBeInTheDocument();
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
    expect(await screen.findByRole('button', { name: 'Claim device' })).toBeInTheDocument();
    expect(api.startJob).toHaveBeenLastCalledWith({
      path: OTHER_PORT,
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(connect).toHaveBeenLastCalledWith({ path: OTHER_PORT });
  });

  it('says "Connection lost" with cause and fix when the port goes mid-read, and resumes when the same board comes back', async () => {
    // The job reads on by itself: held here, so the port goes while it still reads.
    const reading = deferred<Result<AttestResult>>();
    const attest = vi.fn(() => reading.promise);
    const { api, user, emit } = renderApp({ attest });
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    await screen.findByTestId('flow-board');
    await screen.findByText(/Zephyr shell: commands are sent/);
    act(() =>
      emit('onSessionClosed', {
        sessionId: 'session-1',
        path: AT_PORT,
        reason: { code: 'PORT_GONE', message: 'The device was unplugged' },
      }),
    );
    const lost = await screen.findByTestId('result-lost');
    expect(within(lost).getByRole('heading', { name: 'Connection lost' })).toBeInTheDocument();
    expect(screen.queryByText(/Could not connect/)).not.toBeInTheDocument();
    expect(within(lost).getByTestId('error-code')).toHaveTextContent('PORT_GONE');
    expect(within(lost).getByTestId('result-explanation')).toHaveTextContent(
      'flow resumes by itself when serial number 001051234567 comes back',
    );

    // Unplugged, then the same serial number arrives again: the job starts again by itself.
    act(() => emit('onDevicesChanged', snapshot([])));
    attest.mockImplementation(() => deferred<Result<AttestResult>>().promise);
    act(() => emit('onDevicesChanged', snapshot([device()])));
    await vi.waitFor(() => expect(api.startJob).toHaveBeenCalledTimes(2));
    expect(api.startJob).toHaveBeenLastCalledWith({
      path: AT_PORT,
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(await screen.findByTestId('flow-progress')).toBeInTheDocument();
  });
});
