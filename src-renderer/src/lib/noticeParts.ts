/**
 * What an error notice shows, each thing once: a headline, main's message, the cause and the fix.
 * Main's message and its explanation are written apart (the message also serves the CLI), so a
 * sentence of the cause or fix may already be in the message; it is then left out, and a part
 * with nothing new is not shown at all.
 */
import type { AppErrorData } from '../../../src-shared/ipc/errors';
import type { Explanation } from '../../../src-shared/ipc/diagnostics';

export interface NoticeParts {
  headline: string;
  message?: string;
  cause?: string;
  fix?: string;
  fixCommand?: string;
}

/** Sentences of a text, each ending at . ! or ? followed by a space (not inside "1.3.0"). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=\S)/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A sentence as compared: case, quotes, trailing punctuation and runs of spaces do not count. */
export function sameWords(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[“”„"'‘’`]/gu, '')
    .replace(/[.!?…:;,\s]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The parts of one notice, with nothing said twice. */
export function noticeParts(input: {
  error: AppErrorData;
  title?: string | undefined;
  explanation?: Explanation | undefined;
}): NoticeParts {
  const { error, title, explanation } = input;
  const said = new Set<string>();
  const say = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    const fresh = sentencesOf(text).filter((s) => !said.has(sameWords(s)));
    for (const s of sentencesOf(text)) said.add(sameWords(s));
    return fresh.length === 0 ? undefined : fresh.join(' ');
  };
  const headline = title ?? explanation?.title ?? error.message;
  say(headline);
  const parts: NoticeParts = { headline };
  const message = say(error.message);
  if (message !== undefined) parts.message = message;
  const cause = say(explanation?.cause);
  if (cause !== undefined) parts.cause = cause;
  const fix = say(explanation?.fix);
  if (fix !== undefined) parts.fix = fix;
  if (explanation?.fixCommand) parts.fixCommand = explanation.fixCommand;
  return parts;
}
