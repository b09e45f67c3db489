import { describeCmeError, describeCmsError } from '../../../../src-shared/at/cmeErrors';

describe('describeCmeError', () => {
  it.each([
    [0, /not support this command/],
    [513, /Not found/],
    [514, /Not allowed/],
    [515, /full/],
    [518, /AT\+CFUN=4/],
    [519, /already exists/],
    [523, /failed to generate the key/],
  ])('%i in plain words', (code, words) => {
    expect(describeCmeError(code)).toMatch(words);
  });

  it('gives each docs/protocol.md code its own sentence', () => {
    const sentences = [0, 513, 514, 515, 518, 519, 523].map(describeCmeError);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const sentence of sentences) expect(sentence).not.toMatch(/does not know/);
  });

  it.each([1234, 520, -1])('falls back to a sentence with the number for %i', (code) => {
    expect(describeCmeError(code)).toContain(String(code));
    expect(describeCmeError(code)).toMatch(/\+CME ERROR/);
  });
});

describe('describeCmsError', () => {
  it.each([
    [310, /No SIM/],
    [322, /full/],
    [331, /no network/],
    [500, /unknown/],
  ])('%i in plain words', (code, words) => {
    expect(describeCmsError(code)).toMatch(words);
  });

  it('falls back to a sentence with the number', () => {
    expect(describeCmsError(999)).toContain('999');
    expect(describeCmsError(999)).toMatch(/\+CMS ERROR/);
  });
});
