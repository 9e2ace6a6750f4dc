import { passwordProblem, type PasswordProblem } from '../accounts/passwordStrength.ts';
import { ApiError } from './ApiError.ts';

/** The sentence for programs and logs; the app says each in Russian from the code. */
const PASSWORD_REFUSED: Record<PasswordProblem, string> = {
  password_blank: 'The password is only spaces: choose one with letters or digits.',
  password_common: 'This password is on the lists attackers try first: choose another.',
  password_guessable: 'This password is too easy to guess (repeats or sequences): make it longer.',
  password_personal: 'The password is built from your e-mail or name: choose another.'
};

/**
 * Refuses a new password (at registration, change or reset) that is blank, common, guessable or
 * built from the person's own details, with a 400 that names why.
 */
export async function refuseWeakPassword(password: string, personal: string[]): Promise<void> {
  const problem = await passwordProblem(password, personal);
  if (problem) throw new ApiError(400, problem, PASSWORD_REFUSED[problem]);
}
