/** A job in words: the kit's short name, its state, and what the live region says when it ends. */
import type { JobState, JobView } from '../../../../src-shared/ipc/onboarding';
import type { FirmwareMode } from '../../../../src-shared/ipc/serial';
import { t } from '../../i18n/t';

/** A tile's state: a job's, or `not-started` for a plugged kit that has no job yet. */
export type KitState = JobState | 'not-started';

/** The last `n` characters with an ellipsis in front, e.g. `…234567`. */
export function tail(text: string, n: number): string {
  return text.length <= n ? text : `…${text.slice(-n)}`;
}

export const SERIAL_TAIL = 6;
export const UUID_TAIL = 8;

/** How a kit is named in buttons and announcements: kit name and serial-number tail. */
export function kitLabel(kitName: string | undefined, serialOrPath: string): string {
  return `${kitName ?? t('station.unknownKit')} ${tail(serialOrPath, SERIAL_TAIL)}`;
}

export const stateText = (state: KitState): string => t(`station.states.${state}`);

export const modeText = (mode: FirmwareMode): string => t(`station.modes.${mode}`);

const isEnded = (state: JobState): boolean =>
  state === 'claimed' ||
  state === 'already-claimed' ||
  state === 'read' ||
  state === 'failed' ||
  state === 'unplugged' ||
  state === 'cancelled';

/**
 * What to announce when `next` replaces `previous`: a job's end, once. The steps in between are
 * shown on the tile but not read aloud, so six kits at work do not talk over each other.
 */
export function announcementFor(previous: JobView | undefined, next: JobView): string | undefined {
  const hasEnded = isEnded(next.state);
  const isSameEnd = previous?.state === next.state && previous.attempt === next.attempt;
  if (!hasEnded || isSameEnd) return undefined;
  const kit = kitLabel(next.kitName, next.serialNumber ?? next.port);
  return next.state === 'failed' && next.error
    ? t('station.announceFailed', { kit, code: next.error.code })
    : t('station.announce', { kit, state: stateText(next.state) });
}
