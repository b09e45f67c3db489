import { act, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import type { JobView } from '../../../src-shared/ipc/onboarding';
import { device, jobView, queueView, snapshot } from './fakeApi';
import { renderApp } from './renderApp';

const A = '000000000001';
const B = '000000000002';
const C = '000000000003';
const kits = () => snapshot([device(A), device(B, 'Thingy:91 X'), device(C)]);

const job = (id: string, extra: Partial<JobView> = {}) =>
  jobView({
    id,
    serialNumber: id,
    port: `/dev/serial/by-id/usb-SEGGER_J-Link_${id}-if00`,
    ...extra,
  });

const failed = (id: string) =>
  job(id, {
    state: 'failed',
    phase: 'failed',
    mode: 'unknown',
    error: { code: 'NO_ANSWER', message: `No answer on the port of ${id}` },
    explanation: {
      title: 'No answer',
      cause: 'The firmware does not answer AT commands.',
      fix: 'Flash an AT-capable firmware.',
    },
    elapsedMs: 4_000,
    finishedAt: '2025-05-01T10:00:04.000Z',
  });

async function openStation(overrides: Parameters<typeof renderApp>[0] = {}) {
  const app = renderApp({ listDevices: vi.fn(async () => ok(kits())), ...overrides });
  await app.user.click(await screen.findByRole('tab', { name: 'Station' }));
  await screen.findByRole('heading', { level: 2, name: 'Station' });
  return app;
}

const tile = (id: string) => screen.getByTestId(`kit-tile-${id}`);
const count = (phase: string) => screen.getByTestId(`count-${phase}`);

describe('Station tab', () => {
  it('shows a tile per plugged kit and starts every kit with Start all', async () => {
    const { api, user } = await openStation();
    const tiles = await screen.findByRole('list', { name: 'Kits' });
    expect(within(tiles).getAllByRole('listitem')).toHaveLength(3);
    expect(within(tile(B)).getByRole('heading', { name: 'Thingy:91 X' })).toBeInTheDocument();
    expect(within(tile(A)).getByLabelText(`Serial number ${A}`)).toHaveTextContent('SN …000001');
    expect(within(tile(A)).getByTestId('kit-state')).toHaveTextContent('Not started');
    expect(count('waiting')).toHaveTextContent('Waiting 3');

    await user.click(screen.getByRole('button', { name: 'Start all' }));
    await waitFor(() => expect(api.startJob).toHaveBeenCalledTimes(3));
    expect(api.startJob).toHaveBeenCalledWith({ serialNumber: A });
    expect(api.startJob).toHaveBeenCalledWith({ serialNumber: C });
    // Every kit has its job now: nothing left for Start all.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start all' })).toBeDisabled());
    expect(within(tile(A)).getByTestId('kit-state')).toHaveTextContent('Waiting to start');
  });

  it('draws each job from job-changed: step, mode, UUID tail, counts; failure with cause, fix and Retry', async () => {
    const { emit } = await openStation();
    await screen.findByTestId(`kit-tile-${A}`);
    act(() => {
      emit('onJobChanged', {
        job: job(A, {
          state: 'reading',
          phase: 'working',
          mode: 'shell',
          stepText: 'Reading the IMEI (AT+CGSN)',
        }),
        queue: queueView(),
      });
      emit('onJobChanged', {
        job: job(B, {
          state: 'claimed',
          phase: 'claimed',
          mode: 'slm',
          deviceUuid: '50363154-3931-44f0-8022-121b6401627d',
          elapsedMs: 65_000,
        }),
        queue: queueView(),
      });
      emit('onJobChanged', { job: failed(C), queue: queueView() });
    });

    const reading = within(tile(A));
    expect(reading.getByTestId('kit-state')).toHaveTextContent('Reading identity and token');
    expect(reading.getByTestId('kit-state')).toHaveTextContent('Reading the IMEI (AT+CGSN)');
    expect(reading.getByText('Zephyr shell')).toBeInTheDocument();
    expect(reading.getByRole('button', { name: `Stop nRF9151 DK …000001` })).toBeInTheDocument();

    const claimed = within(tile(B));
    expect(claimed.getByTestId('kit-state')).toHaveTextContent('Claimed');
    expect(claimed.getByText('Serial LTE Modem')).toBeInTheDocument();
    expect(
      claimed.getByLabelText('Device UUID 50363154-3931-44f0-8022-121b6401627d'),
    ).toHaveTextContent('UUID …6401627d');
    expect(claimed.getByLabelText('Elapsed time 1:05')).toBeInTheDocument();
    expect(claimed.queryByRole('button')).not.toBeInTheDocument();

    const failure = within(tile(C));
    expect(failure.getByTestId('error-code')).toHaveTextContent('NO_ANSWER');
    expect(failure.getByLabelText('Elapsed time 4.0 s')).toBeInTheDocument();
    expect(failure.getByTestId('kit-error')).toHaveTextContent(
      'Cause: The firmware does not answer AT commands.',
    );
    expect(failure.getByTestId('kit-error')).toHaveTextContent(
      'Fix: Flash an AT-capable firmware.',
    );
    expect(failure.getByRole('button', { name: 'Retry nRF9151 DK …000003' })).toBeInTheDocument();

    expect(count('working')).toHaveTextContent('Working 1');
    expect(count('claimed')).toHaveTextContent('Claimed 1');
    expect(count('failed')).toHaveTextContent('Failed 1');
    expect(count('waiting')).toHaveTextContent('Waiting 0');
    expect(screen.getByTestId('station-announcer')).toHaveTextContent(
      'nRF9151 DK …000003: failed, NO_ANSWER',
    );
  });

  it('retries one failed tile by keyboard, keeps focus on the tile, and Retry failed retries all', async () => {
    const { api, emit, user } = await openStation();
    await screen.findByTestId(`kit-tile-${A}`);
    act(() => {
      emit('onJobChanged', { job: failed(A), queue: queueView() });
      emit('onJobChanged', { job: failed(C), queue: queueView() });
    });
    const retry = within(tile(A)).getByRole('button', { name: 'Retry nRF9151 DK …000001' });
    act(() => retry.focus());
    await user.keyboard('{Enter}');
    expect(api.retryJob).toHaveBeenCalledWith({ id: A });
    await waitFor(() =>
      expect(within(tile(A)).getByTestId('kit-state')).toHaveTextContent('Waiting to start'),
    );
    expect(tile(A)).toHaveFocus();
    expect(within(tile(A)).getByText('Attempt 2')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    expect(api.retryJob).toHaveBeenLastCalledWith({ id: C });
    expect(api.retryJob).toHaveBeenCalledTimes(2);
  });

  it('switches Auto through main and exports the report', async () => {
    const { api, user } = await openStation();
    const auto = screen.getByRole('switch', { name: 'Auto' });
    expect(auto).not.toBeChecked();
    expect(auto).toHaveAccessibleDescription(/Start each kit when it is plugged in/);
    await user.click(auto);
    expect(api.setAuto).toHaveBeenCalledWith({ isAuto: true });
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Auto' })).toBeChecked());

    // Nothing to report before any job ran.
    expect(screen.getByRole('button', { name: 'Export report' })).toBeDisabled();
    await user.click(within(tile(A)).getByRole('button', { name: 'Start nRF9151 DK …000001' }));
    await user.click(screen.getByRole('button', { name: 'Export report' }));
    expect(api.exportReport).toHaveBeenCalledWith({});
    expect(
      await screen.findByText('Report saved to /home/tech/onboarding-report.csv'),
    ).toBeInTheDocument();
  });

  it('shows the cloud pause with a countdown and which kits wait on it', async () => {
    const { emit } = await openStation();
    await screen.findByTestId(`kit-tile-${A}`);
    act(() =>
      emit('onJobChanged', {
        job: job(A, { state: 'checking', phase: 'working', cloudWait: 'paused' }),
        queue: queueView({
          pause: { until: '2025-05-01T10:00:30Z', remainingMs: 30_000, reason: 'HTTP 429' },
        }),
      }),
    );
    expect(screen.getByTestId('queue-pause')).toHaveTextContent(
      'nRF Cloud asked to slow down (HTTP 429). Cloud calls of every kit resume in 30 s.',
    );
    expect(within(tile(A)).getByTestId('kit-state')).toHaveTextContent(
      'Waiting: cloud calls are paused',
    );
    expect(screen.getByTestId('station-announcer')).toHaveTextContent(
      'nRF Cloud asked to wait 30 s: cloud calls of every kit are paused.',
    );
    act(() =>
      emit('onJobChanged', {
        job: job(A, { state: 'claimed', phase: 'claimed' }),
        queue: queueView(),
      }),
    );
    expect(screen.queryByTestId('queue-pause')).not.toBeInTheDocument();
  });

  it('keeps a tile for a job whose kit is gone, and says so', async () => {
    const { emit } = await openStation();
    await screen.findByTestId(`kit-tile-${A}`);
    act(() =>
      emit('onJobChanged', {
        job: job('000000000009', { state: 'unplugged', phase: 'failed' }),
        queue: queueView(),
      }),
    );
    const gone = within(tile('000000000009'));
    expect(gone.getByTestId('kit-state')).toHaveTextContent('Unplugged');
    expect(gone.getByText('Not plugged in')).toBeInTheDocument();
    // Not there to try again: no Retry until it is plugged back in.
    expect(gone.queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
  });
});
