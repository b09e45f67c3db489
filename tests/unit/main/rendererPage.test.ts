import { describe, expect, it } from 'vitest';
import { chooseRendererPage } from '../../../src-main/rendererPage';

const rendererFile = '/opt/Onboarder/resources/app.asar/out/renderer/index.html';
const devServer = 'http://localhost:5173';

describe('chooseRendererPage', () => {
  it.each([
    ['a packaged app started with ELECTRON_RENDERER_URL', true, false, 'https://evil.example/'],
    ['a packaged app even if its build were a dev build', true, true, devServer],
    ['a built, unpackaged app (npm start) with the variable set', false, false, devServer],
    ['a dev run without the variable', false, true, undefined],
    ['a dev run with an empty variable', false, true, ''],
    ['a dev run pointed at a file:// page', false, true, 'file:///tmp/evil.html'],
    ['a dev run pointed at a javascript: URL', false, true, 'javascript:alert(1)'],
    ['a dev run with a variable that is no URL', false, true, 'localhost:5173'],
  ])('loads the built file for %s', (_name, isPackaged, isDevBuild, devServerUrl) => {
    expect(chooseRendererPage({ isPackaged, isDevBuild, devServerUrl, rendererFile })).toEqual({
      file: rendererFile,
    });
  });

  it('loads the dev server only in an unpackaged dev build (npm run dev)', () => {
    expect(
      chooseRendererPage({
        isPackaged: false,
        isDevBuild: true,
        devServerUrl: devServer,
        rendererFile,
      }),
    ).toEqual({ url: devServer });
  });
});
