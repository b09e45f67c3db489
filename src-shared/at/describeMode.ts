/** The firmware mode in words, for the Connect step (main's session and the job view say the same). */
import type { FirmwareMode } from '../ipc/serial';

export function describeMode(mode: FirmwareMode): string {
  switch (mode) {
    case 'shell':
      return 'Zephyr shell: commands are sent with the `at ` prefix.';
    case 'at-host':
      return 'AT host firmware: commands are sent as they are.';
    case 'slm':
      return 'Serial LTE Modem: commands are sent as they are (it rejects the `at ` prefix).';
    case 'unknown':
      return 'The device answered; its firmware family is not certain yet.';
  }
}
