/**
 * Where the window's page comes from, and how to recognise that page again in the URL Chromium
 * reports for a frame (percent-encoded and canonicalised, so never compared as a raw string).
 */
import { pathToFileURL } from 'node:url';

/** The page the window loads: the built index.html, or the dev server during `npm run dev`. */
export type RendererPage = { url: string } | { file: string };

/**
 * Picks the page to load. `ELECTRON_RENDERER_URL` counts only in an unpackaged development build
 * (electron-vite dev), so a packaged or built app started with it still loads its own file.
 */
export function chooseRendererPage(options: {
  isPackaged: boolean;
  isDevBuild: boolean;
  devServerUrl: string | undefined;
  rendererFile: string;
}): RendererPage {
  const { devServerUrl } = options;
  if (options.isPackaged || !options.isDevBuild || !devServerUrl) {
    return { file: options.rendererFile };
  }
  const parsed = parseUrl(devServerUrl);
  const isHttp = parsed?.protocol === 'http:' || parsed?.protocol === 'https:';
  return isHttp ? { url: devServerUrl } : { file: options.rendererFile };
}

/**
 * Returns a test for "this URL is our page": for the file, same scheme, same host (a UNC share on
 * Windows) and the same path segment by segment after decoding, with no query; for the dev
 * server, the same origin and path. A fragment never changes the document, so it is ignored.
 */
export function rendererPageMatcher(
  page: RendererPage,
  options: { isWindows?: boolean } = {},
): (url: string) => boolean {
  const isWindows = options.isWindows ?? process.platform === 'win32';
  if ('url' in page) {
    const own = parseUrl(page.url);
    if (!own) return () => false;
    return (url) => {
      const actual = parseUrl(url);
      return (
        actual !== undefined &&
        actual.origin === own.origin &&
        actual.username === '' &&
        actual.password === '' &&
        actual.pathname === own.pathname &&
        actual.search === own.search
      );
    };
  }
  const own = pathToFileURL(page.file, { windows: isWindows });
  const ownSegments = pathSegments(own.pathname, isWindows);
  return (url) => {
    const actual = parseUrl(url);
    if (!actual || actual.protocol !== 'file:' || actual.host !== own.host) return false;
    if (actual.search !== '') return false;
    const segments = pathSegments(actual.pathname, isWindows);
    return (
      segments.length === ownSegments.length &&
      segments.every((segment, index) => segment === ownSegments[index])
    );
  };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Splits before decoding, so an encoded `/` (`%2F`) stays inside its segment and cannot make two
 * segments look like one. A `%` not followed by two hex digits stays literal, as in the file name.
 * Windows drive letters compare case-insensitively (Chromium writes `C:`, a path may say `c:`).
 */
function pathSegments(pathname: string, isWindows: boolean): string[] {
  return pathname.split('/').map((raw, index) => {
    const segment = decodeSegment(raw);
    return isWindows && index === 1 && /^[a-z]:$/i.test(segment) ? segment.toUpperCase() : segment;
  });
}

function decodeSegment(segment: string): string {
  return segment.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
