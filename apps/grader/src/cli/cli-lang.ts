import { text } from '../messages/text.js';
import { FlagError } from './flag-error.js';
import { chooseLab, listLabs, type ChooseLabOptions } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import { LANGS, isLang, type Lang } from '../messages/locale.js';

/** `--lang` must name one of the grader's languages. */
export function checkLang(lang: string | undefined): Lang | undefined {
  if (lang === undefined) return undefined;
  if (!isLang(lang)) throw new FlagError('INVALID_FLAG', text('cli.usageUnknownLang', { value: lang }), text('cli.usageOneOf', { values: LANGS.join(', ') }));
  return lang;
}

/**
 * The language of what a command prints: `--lang`; else the language of the lab it works on
 * (`--lab`, else the one `chooseLab` picks: a submission's `lab:` key, the only lab); else, when no
 * lab is chosen yet (a usage error, several labs), the course's — the language every lab of
 * `grading/labs` declares (pt-BR for this course); else English. Never throws for a lab it cannot
 * read: the command itself says why.
 */
export async function commandLang(options: ChooseLabOptions & { lang?: string | undefined }): Promise<Lang> {
  const flag = checkLang(options.lang);
  if (flag) return flag;
  try {
    return (await loadLab(await chooseLab(options), options.labsDir)).definition.lang ?? 'en';
  } catch {
    return courseLang(options.labsDir);
  }
}

/** The one language every lab of `grading/labs` declares (a lab without `lang` is English); English when they differ or there is none. */
export async function courseLang(labsDir?: string): Promise<Lang> {
  const langs = new Set((await listLabs(labsDir)).map((l) => l.lang ?? 'en'));
  const [only] = langs;
  return langs.size === 1 && only !== undefined && isLang(only) ? only : 'en';
}
