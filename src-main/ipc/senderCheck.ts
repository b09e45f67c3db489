/** Trust only our own window's main frame, showing our own page. */
import type { SenderCheck } from './register';

export function createSenderCheck(options: {
  /** The webContents id of our window, or undefined while it does not exist. */
  windowWebContentsId: () => number | undefined;
  /** True for the URL of our page as Chromium reports it (see `rendererPageMatcher`). */
  isOwnPageUrl: (url: string) => boolean;
}): SenderCheck {
  return (event) => {
    const id = options.windowWebContentsId();
    if (id === undefined || event.sender.id !== id) return false;
    const frame = event.senderFrame;
    // A sub-frame (an iframe) is never trusted, even inside our window.
    if (!frame || frame.parent !== null) return false;
    return options.isOwnPageUrl(frame.url);
  };
}
