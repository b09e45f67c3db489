import { act, screen, within } from '@testing-library/react';
import type { JobView } from '../../../src-shared/ipc/onboarding';
import { useAppStore } from '../../../src-renderer/src/store/appStore';
import { provisioningView, queueView } from './fakeApi';
import { goToClaim, renderApp } from './renderApp';

const provisioning = provisioningView;

const step = (name: string) => screen.getByTestId(`step-${name}`);
const isDone = (name: string) => step(name).querySelector('.Mui-completed') !== null;

/** Claims the flow's board; `report` then sends main's next word on its job. */
async function claimed(): Promise<{ report: (patch: Partial<JobView>) => void }> {
  const { api, emit, user } = renderApp();
  await goToClaim(user);
  await user.click(await screen.findByRole('button', { name: 'Claim device' }));
  await screen.findByTestId('result-pass');
  expect(api.claimJob).toHaveBeenCalledTimes(1);
  const report = (patch: Partial<JobView>) => {
    const { jobs, flowJobId } = useAppStore.getState();
    const job = { ...jobs[flowJobId!]!.view, ...patch };
    act(() => emit('onJobChanged', { job, queue: queueView() }));
  };
  return { report };
}

describe('the stepper tells the truth about Provision', () => {
  it('a claim without provisioning: Claim done, Provision skipped with why, not ticked', async () => {
    await claimed();
    expect(isDone('claim')).toBe(true);
    expect(isDone('provision')).toBe(false);
    expect(step('provision')).toHaveTextContent('Skipped: did not run');
  });

  it('AT-host firmware: skipped, naming the firmware', async () => {
    const { report } = await claimed();
    report({
      provisioning: provisioning({
        family: 'at-host',
        skipReason: 'unsupported',
        note: 'AT host: no client.',
      }),
    });
    expect(step('provision')).toHaveTextContent('Skipped: AT-host firmware');
    expect(isDone('provision')).toBe(false);
  });

  it('firmware without a provisioning client: skipped, saying so', async () => {
    const { report } = await claimed();
    report({ provisioning: provisioning({ family: 'none', skipReason: 'unsupported' }) });
    expect(step('provision')).toHaveTextContent('Skipped: no provisioning client');
  });

  it("turned off: named from main's code, whatever the note says; no empty timeline", async () => {
    const { report } = await claimed();
    const note = 'This station claims only; its boards get their credentials later.';
    report({ provisioning: provisioning({ family: 'none', skipReason: 'turned-off', note }) });
    expect(step('provision')).toHaveTextContent('Skipped: turned off');
    expect(isDone('provision')).toBe(false);
    expect(screen.getByTestId('provisioning-note')).toHaveTextContent(note);
    expect(screen.queryByTestId('provisioning-timeline')).not.toBeInTheDocument();
  });

  it('a note that says "turned off" without the code is not taken for it', async () => {
    const { report } = await claimed();
    report({ provisioning: provisioning({ stage: 'finished', note: 'It was turned off.' }) });
    expect(step('provision')).toHaveTextContent('Skipped: not provisioned');
  });

  it('connected to nRF Cloud: Provision done', async () => {
    const { report } = await claimed();
    report({ state: 'connected', provisioning: provisioning({ stage: 'connected' }) });
    expect(isDone('provision')).toBe(true);
    expect(step('provision')).not.toHaveTextContent('Skipped');
  });

  it('provisioning failed: Provision marked as an error', async () => {
    const { report } = await claimed();
    const error = { code: 'PROVISIONING_TIMEOUT' as const, message: 'Not connected in 300 s.' };
    report({ provisioning: provisioning({ stage: 'waiting-for-device', error }) });
    expect(within(step('provision')).getByText('Provision')).toHaveClass('Mui-error');
    expect(isDone('provision')).toBe(false);
  });
});
