// Whether an extracted fact may be kept. A fact is repeated to the model on later turns, so one
// that reads as an order to the assistant, or carries a link or code, is a standing instruction
// planted in every prompt — whoever got the words into the conversation. Facts are short third-person
// statements about the user; anything else is refused. Pure.

export const MIN_FACT_CHARS = 6;
export const MAX_FACT_CHARS = 200;

export type FactProblem = 'too_short' | 'too_long' | 'instruction' | 'link' | 'code';

/** Whole words or phrases, with word edges that know accented letters (\\b does not). */
function phrases(list: string, anchoredAtStart = false): RegExp {
  return new RegExp(`${anchoredAtStart ? '^' : '(?<![\\p{L}\\p{N}_])'}(${list})(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Words that speak to or about the assistant and its rules, in English and Portuguese. */
const ADDRESSES_ASSISTANT = phrases(
  'you|your|yours|yourself|assistant|chatbot|earshot|system|prompt|instructions?|guidelines|jailbreak|você|vocês|assistente|sistema|instruç(ão|ões)',
);

/** Orders and standing rules: "ignore previous…", "from now on…", "must always…". */
const ORDERS = phrases(
  'ignore|disregard|override|forget (all|everything|previous|the)|from now on|in every (reply|answer|response)|pretend|act as|roleplay|' +
    'must (always|never)|do not tell|reveal|a partir de agora|de agora em diante|esqueça|finja|responda sempre|sempre responda|nunca diga',
);

/** A fact starts with its subject; one that starts with a verb of command is an order. */
const IMPERATIVE_START = phrases(
  "always|never|ignore|disregard|forget|respond|reply|answer|say|tell|remember to|do not|don't|please|use|call|send|open|visit|run|" +
    'sempre|nunca|responda|diga|fale|lembre-se|não|chame|envie|abra|visite|execute',
  true,
);

const LINK = /(\b[a-z][a-z0-9+.-]*:\/\/|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[a-z0-9-]+\.(com|org|net|io|ai|dev|app|xyz|info|ly|me|gg|co|br|pt|ru|cn|to|sh)(\/|\b))/iu;

const CODE = /[`{}<>\\|$]|=>|\b(function|eval|exec|import|require|curl|wget|sudo|rm -rf)\b|[\p{Cc}\p{Cf}]/iu;

/** What is wrong with a fact, or null when it may be kept. */
export function factProblem(text: string): FactProblem | null {
  const fact = text.trim();
  if (fact.length < MIN_FACT_CHARS) return 'too_short';
  if (fact.length > MAX_FACT_CHARS) return 'too_long';
  if (LINK.test(fact)) return 'link';
  if (CODE.test(fact)) return 'code';
  if (ADDRESSES_ASSISTANT.test(fact) || ORDERS.test(fact) || IMPERATIVE_START.test(fact)) return 'instruction';
  return null;
}

export function isAcceptableFact(text: string): boolean {
  return factProblem(text) === null;
}
