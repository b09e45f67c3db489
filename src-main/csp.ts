/**
 * The renderer's Content-Security-Policy, injected into index.html at build time (a file:// page
 * gets no response headers). MUI's emotion needs inline styles; nothing else is allowed inline,
 * nothing is loaded from outside the app, and the page talks to main only over IPC.
 */
export const productionCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');

/** The dev server needs its inline React-refresh preamble and its websocket for hot reload. */
export const developmentCsp = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws://localhost:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Inserts the CSP meta tag as the first element of <head>. */
export function injectCsp(html: string, policy: string): string {
  return html.replace(
    /<head>/i,
    `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  );
}
