/** The only module that touches `window.api`; everything else imports `api` from here. */
import type { Api } from '../../src-shared/ipc/index';

declare global {
  interface Window {
    api: Api;
  }
}

export type { Api };

let override: Api | undefined;

/** Tests hand the renderer a fake bridge through this. */
export function setApiForTests(fake: Api | undefined): void {
  override = fake;
}

export function getApi(): Api {
  if (override) return override;
  if (!window.api) throw new Error('The preload did not expose window.api');
  return window.api;
}
