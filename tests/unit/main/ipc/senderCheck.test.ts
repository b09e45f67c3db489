/**
 * The sender check against URLs as Chromium reports them for a frame: percent-encoded,
 * backslashes turned into slashes, drive letters upper-cased. The install paths are the ones
 * that broke the old prefix comparison (Windows, spaces, non-ASCII).
 */
import { describe, expect, it } from 'vitest';
import { createSenderCheck } from '../../../../src-main/ipc/senderCheck';
import { rendererPageMatcher, type RendererPage } from '../../../../src-main/rendererPage';

interface Install {
  name: string;
  page: RendererPage;
  isWindows: boolean;
  /** The page's URL in the form Chromium reports (frame.url) after `loadFile`. */
  chromiumUrl: string;
  /** Same document, other spellings Chromium or Electron may produce. */
  alsoOwn: string[];
  /** Everything here must be refused. */
  foreign: string[];
}

const windowsRoot = 'file:///C:/Program%20Files/Onboarder/resources/app.asar/out';
const jorgRoot = 'file:///home/j%C3%B6rg/%C3%96nboarder%20apps/resources/app.asar/out';

const installs: Install[] = [
  {
    name: 'Windows, Program Files',
    page: { file: 'C:\\Program Files\\Onboarder\\resources\\app.asar\\out\\renderer\\index.html' },
    isWindows: true,
    chromiumUrl: `${windowsRoot}/renderer/index.html`,
    alsoOwn: [
      'file:///c:/Program%20Files/Onboarder/resources/app.asar/out/renderer/index.html',
      `${windowsRoot}/renderer/index.html#/devices`,
      `${windowsRoot}/renderer/./index.html`,
    ],
    foreign: [
      `${windowsRoot}/renderer/evil.html`,
      `${windowsRoot}/renderer/index.html.evil.html`,
      `${windowsRoot}/renderer/index.html/../../evil/index.html`,
      `${windowsRoot}/renderer/index.html?x=1`,
      `file:///C:/Users/Public/evil.html?${windowsRoot}/renderer/index.html`,
      `file:///C:/Users/Public/evil.html#${windowsRoot}/renderer/index.html`,
      'file:///C:/Users/Public/Downloads/renderer/index.html',
      'file:///D:/Program%20Files/Onboarder/resources/app.asar/out/renderer/index.html',
      `${windowsRoot}%2Frenderer/index.html`,
      `${windowsRoot}/renderer%5Cindex.html`,
      'file://evil-share/C:/Program%20Files/Onboarder/resources/app.asar/out/renderer/index.html',
      'https://evil.example/C:/Program%20Files/Onboarder/resources/app.asar/out/renderer/index.html',
    ],
  },
  {
    name: 'Linux, a space and non-ASCII letters',
    page: { file: '/home/jörg/Önboarder apps/resources/app.asar/out/renderer/index.html' },
    isWindows: false,
    chromiumUrl: `${jorgRoot}/renderer/index.html`,
    alsoOwn: [
      // Lower-case hex digits decode to the same bytes.
      'file:///home/j%c3%b6rg/%c3%96nboarder%20apps/resources/app.asar/out/renderer/index.html',
      'file://localhost/home/j%C3%B6rg/%C3%96nboarder%20apps/resources/app.asar/out/renderer/index.html',
    ],
    foreign: [
      'file:///home/jorg/%C3%96nboarder%20apps/resources/app.asar/out/renderer/index.html',
      'file:///home/j%C3%B6rg/Downloads/index.html',
      `${jorgRoot}/renderer/../../../../../../tmp/index.html`,
      `${jorgRoot}/renderer/index.html?${jorgRoot}/renderer/index.html`,
      `${jorgRoot}/renderer%2Findex.html`,
      // A file:// page elsewhere whose URL merely starts like ours.
      `${jorgRoot}/renderer/index.html.html`,
      `${jorgRoot}/renderer/index.htm`,
    ],
  },
  {
    name: 'Linux, a % and a # in the folder name (Electron escapes only # and ?)',
    page: { file: '/opt/100% C# tools/out/renderer/index.html' },
    isWindows: false,
    chromiumUrl: 'file:///opt/100%%20C%23%20tools/out/renderer/index.html',
    alsoOwn: ['file:///opt/100%25%20C%23%20tools/out/renderer/index.html'],
    foreign: [
      'file:///opt/100%%20C/tools/out/renderer/index.html',
      'file:///opt/100%%20C#%20tools/out/renderer/index.html',
    ],
  },
  {
    name: 'macOS application bundle',
    page: {
      file: '/Applications/Onboarder.app/Contents/Resources/app.asar/out/renderer/index.html',
    },
    isWindows: false,
    chromiumUrl:
      'file:///Applications/Onboarder.app/Contents/Resources/app.asar/out/renderer/index.html',
    alsoOwn: [],
    foreign: [
      'file:///Applications/Onboarder.app/Contents/Resources/app.asar/out/renderer/other.html',
      'file:///Users/me/Applications/Onboarder.app/Contents/Resources/app.asar/out/renderer/index.html',
    ],
  },
  {
    name: 'Windows, installed on a network share',
    page: {
      file: '\\\\fileserver\\apps\\Onboarder\\resources\\app.asar\\out\\renderer\\index.html',
    },
    isWindows: true,
    chromiumUrl: 'file://fileserver/apps/Onboarder/resources/app.asar/out/renderer/index.html',
    alsoOwn: ['file://FILESERVER/apps/Onboarder/resources/app.asar/out/renderer/index.html'],
    foreign: [
      'file:///apps/Onboarder/resources/app.asar/out/renderer/index.html',
      'file://otherserver/apps/Onboarder/resources/app.asar/out/renderer/index.html',
    ],
  },
  {
    name: 'the dev server (npm run dev)',
    page: { url: 'http://localhost:5173' },
    isWindows: false,
    chromiumUrl: 'http://localhost:5173/',
    alsoOwn: ['http://localhost:5173/#/devices', 'http://LOCALHOST:5173/'],
    foreign: [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost:5173/evil.html',
      'http://localhost:5173/?next=evil',
      'http://user:pass@localhost:5173/',
      'http://localhost:5173.evil.example/',
      'file:///home/me/onboarder/out/renderer/index.html',
    ],
  },
];

const neverOwn = ['', 'about:blank', 'not a url', 'data:text/html,<p>hi</p>', 'javascript:1'];

const OWN_WINDOW = 7;
const checkFor = (install: Install) =>
  createSenderCheck({
    windowWebContentsId: () => OWN_WINDOW,
    isOwnPageUrl: rendererPageMatcher(install.page, { isWindows: install.isWindows }),
  });
const mainFrame = (url: string, id = OWN_WINDOW) => ({
  sender: { id },
  senderFrame: { url, parent: null },
});

describe.each(installs)('the sender check, $name', (install) => {
  const check = checkFor(install);

  it('trusts our main frame at the URL Chromium reports', () => {
    expect(check(mainFrame(install.chromiumUrl) as never)).toBe(true);
  });

  it.each(install.alsoOwn)('trusts the same document written as %s', (url) => {
    expect(check(mainFrame(url) as never)).toBe(true);
  });

  it.each([...install.foreign, ...neverOwn])('refuses %s', (url) => {
    expect(check(mainFrame(url) as never)).toBe(false);
  });

  it('refuses our own page in a sub-frame, in another webContents, or with no frame', () => {
    const url = install.chromiumUrl;
    expect(check({ sender: { id: OWN_WINDOW }, senderFrame: { url, parent: {} } } as never)).toBe(
      false,
    );
    expect(check(mainFrame(url, OWN_WINDOW + 1) as never)).toBe(false);
    expect(check({ sender: { id: OWN_WINDOW }, senderFrame: null } as never)).toBe(false);
  });
});

describe('the sender check before the window exists', () => {
  it('refuses everything', () => {
    const check = createSenderCheck({
      windowWebContentsId: () => undefined,
      isOwnPageUrl: () => true,
    });
    expect(check(mainFrame('file:///app/out/renderer/index.html') as never)).toBe(false);
  });
});

describe('the old prefix comparison this replaces', () => {
  it('would have refused the Windows page Chromium reports, which the new check trusts', () => {
    const install = installs[0]!;
    const rawPrefix = `file://${'file' in install.page ? install.page.file : ''}`;
    expect(install.chromiumUrl.startsWith(rawPrefix)).toBe(false);
    expect(checkFor(install)(mainFrame(install.chromiumUrl) as never)).toBe(true);
  });
});
