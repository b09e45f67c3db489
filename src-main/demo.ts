/**
 * Demo mode: the built-in device simulator (an nRF9151 DK with AT-host firmware and a Thingy:91 X
 * with the Zephyr shell) behind a simulated serial binding, and a local nRF Cloud on 127.0.0.1.
 * A newcomer with no hardware and no account can walk the whole flow.
 */
import { createSimulatedBinding } from './sim/transports/simulatedBinding';
import { demoPorts } from './sim/transports/demoPorts';
import { startFakeCloud } from './sim/fakeCloud/server';
import type { SerialBinding } from './serial/bindingTypes';

export interface DemoEnvironment {
  binding: SerialBinding;
  apiBaseUrl: string;
  provisioningBaseUrl: string;
  /** The local nRF Cloud's key for "Demo Team" (owner); not a secret. */
  demoKey: string;
  dispose(): Promise<void>;
}

export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const cloud = await startFakeCloud({ port: 0 });
  // The demo devices reach the local cloud's provisioning service, so a claim ends connected.
  const ports = demoPorts(undefined, cloud.deviceLink());
  const binding = createSimulatedBinding(ports);
  return {
    binding,
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
    demoKey: cloud.demoKey,
    dispose: async () => {
      for (const port of ports) port.simulator?.stop();
      await cloud.close();
    },
  };
}
