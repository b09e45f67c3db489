import { render } from '@testing-library/react';
import { explainError } from '../../../src-main/diagnostics/explain';
import {
  claimedByOther,
  keyRejected,
  roleCannotClaim,
  tokenInvalid,
} from '../../../src-main/cloud/statusErrors';
import { errorCodes, type AppErrorData, type ErrorCode } from '../../../src-shared/ipc/errors';
import { ErrorNotice } from '../../../src-renderer/src/components/ErrorNotice';
import { noticeParts, sameWords, sentencesOf } from '../../../src-renderer/src/lib/noticeParts';

// Main's own words for the errors people meet at the claim step.
const MAIN_MESSAGES: Partial<Record<ErrorCode, string>> = {
  API_KEY_REJECTED: keyRejected(401, 'Unauthorized').message,
  ROLE_CANNOT_CLAIM: roleCannotClaim(403, 'Forbidden', 'viewer').message,
  CLAIM_TOKEN_INVALID: tokenInvalid(400, 'Invalid token').message,
  CLAIMED_BY_OTHER: claimedByOther('5ac1d7e2-4b0f-4c6d-9e21-7a3b8c9d0e1f', undefined).message,
  RATE_LIMITED:
    'nRF Cloud is limiting requests (HTTP 429, tried 4 times). It asks to wait 1 s: try again after that.',
};

const errorOf = (code: ErrorCode): AppErrorData => ({
  code,
  message: MAIN_MESSAGES[code] ?? `Something about ${code.toLowerCase()} happened on /dev/ttyACM0.`,
});

function repeated(text: string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const s of sentencesOf(text)) {
    const key = sameWords(s);
    if (seen.has(key)) twice.push(s);
    seen.add(key);
  }
  return twice;
}

describe('an error notice says each thing once', () => {
  it.each(errorCodes.map((code) => [code]))('%s, with main’s explanation', (code) => {
    const error = errorOf(code);
    const explanation = explainError(error, { platform: 'linux', path: '/dev/ttyACM0' });
    const { container, unmount } = render(<ErrorNotice error={error} explanation={explanation} />);
    const sentences = [...container.querySelectorAll('p, .MuiAlertTitle-root')].map((el) =>
      (el.textContent ?? '').replace(code, ''),
    );
    expect(repeated(sentences.join(' '))).toEqual([]);
    // Main's message is shown, whole, somewhere.
    expect(container.textContent).toContain(error.message);
    unmount();
  });

  it('drops the message when it is the headline, and cause/fix sentences the message already has', () => {
    const parts = noticeParts({
      error: { code: 'AT_ERROR', message: 'The modem said no. Try again once.' },
      explanation: {
        title: 'The modem said no.',
        cause: 'The modem rejected it.',
        fix: 'Try again once. Then update it.',
      },
    });
    expect(parts).toEqual({
      headline: 'The modem said no.',
      message: 'Try again once.',
      cause: 'The modem rejected it.',
      fix: 'Then update it.',
    });
  });

  it('keeps version numbers inside one sentence', () => {
    expect(sentencesOf('It needs 1.3.0 or newer. Update it.')).toEqual([
      'It needs 1.3.0 or newer.',
      'Update it.',
    ]);
  });

  it('the 429 notice names one wait, the one nRF Cloud asked for', () => {
    const error = errorOf('RATE_LIMITED');
    const explanation = explainError(error, { platform: 'linux' });
    const { container } = render(<ErrorNotice error={error} explanation={explanation} />);
    expect(container.textContent).toContain('wait 1 s');
    expect(container.textContent).not.toMatch(/minute/);
  });
});
