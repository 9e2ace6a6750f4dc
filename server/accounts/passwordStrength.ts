import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Why a new password is refused, as the API's error code: the app says each in Russian
 * («Пароль из одних пробелов», «Этот пароль слишком распространён», …).
 */
export type PasswordProblem =
  'password_blank' | 'password_common' | 'password_guessable' | 'password_personal';

/**
 * zxcvbn's list of common passwords knows no Russian ones; these are the Russian words and
 * keyboard runs that lead the leaked-password lists of Russian services («пароль», the Russian
 * layout's «йцукен» row, names and endearments). Lower case: zxcvbn compares case-insensitively.
 */
const RUSSIAN_COMMON = [
  'пароль',
  'йцукен',
  'йцукенгшщз',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'ячсмитьбю',
  'qwertyuiop',
  'любовь',
  'люблю',
  'привет',
  'солнышко',
  'котик',
  'зайка',
  'наташа',
  'настя',
  'максим',
  'александр',
  'россия',
  'москва',
  'спартак',
  'зенит',
  'кошка',
  'собака',
  'доступ',
  'секрет',
  'админ',
  'учитель',
  'школа',
  'библиотека',
  'музей'
];

// Loaded on the first registration, not at start: the dictionaries are megabytes of modules that
// a server restarting (or a relay process in a test) need not parse. Built once: the factory
// ranks tens of thousands of words on construction.
let estimator: Promise<ZxcvbnFactory> | null = null;
function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ ZxcvbnFactory }, common]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, russian: RUSSIAN_COMMON },
        graphs: common.adjacencyGraphs
      })
  );
  return estimator;
}

/**
 * Score 2 is zxcvbn's "somewhat guessable" (about 10^8 guesses): the lowest it advises against an
 * online attacker who is rate-limited. Below that a password falls to a list before the limiter
 * slows anyone down.
 */
const MIN_SCORE = 2;

/**
 * The reason a new password must not be used, or null. `personal` is what the person typed about
 * themselves (e-mail, name): a password built from them is the first thing anyone tries.
 */
export async function passwordProblem(
  password: string,
  personal: string[] = []
): Promise<PasswordProblem | null> {
  if (password.trim().length === 0) return 'password_blank';
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3);
  const result = (await zxcvbn()).check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const dictionary = result.sequence.filter((m) => m.pattern === 'dictionary');
  if (dictionary.some((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs'))
    return 'password_personal';
  if (dictionary.length > 0) return 'password_common';
  return 'password_guessable';
}
