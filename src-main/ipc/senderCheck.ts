/** Trust only our own window's main frame, loaded from our own origin. */
import type { SenderCheck } from './register';

export function createSenderCheck(options: {
  /** The webContents id of our window, or undefined while it does not exist. */
  windowWebContentsId: () => number | undefined;
  /** The URL prefixes our renderer may be loaded from (the file:// page or the dev server). */
  allowedUrlPrefixes: readonly string[];
}): SenderCheck {
  return (event) => {
    const id = options.windowWebContentsId();
    if (id === undefined || event.sender.id !== id) return false;
    const frame = event.senderFrame;
    // A sub-frame (an iframe) is never trusted, even inside our window.
    if (!frame || frame.parent !== null) return false;
    return options.allowedUrlPrefixes.some((prefix) => frame.url.startsWith(prefix));
  };
}
