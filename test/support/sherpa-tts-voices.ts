// Shared by the SherpaTextToSpeech integration tests (sherpa-tts*.test.ts): the stand-in voice names
// and a way to catch the EarshotError a failing call rejects with.
import { isEarshotError, type EarshotError } from '../../src/shared/errors';

export const EN = 'piper-en_US-standin-low';
export const PT = 'piper-pt_BR-standin-low';

/** The EarshotError `promise` rejects with; throws when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<EarshotError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isEarshotError(error)) throw new Error(`expected an EarshotError, got ${String(error)}`);
  return error;
}
