// The questions the benchmark asks and the replies the fake Ollama gives: thirty distinct questions
// (so each measured turn misses the response cache) with three-sentence replies in the style the
// system prompt asks for. No sentence repeats, so the TTS cache misses too until a question is asked
// again on purpose.

import { MEMORY_HEADER } from '../src/main/core/prompt/prompt-budget';
export interface Exchange {
  question: string;
  reply: string;
}

export const EXCHANGES: readonly Exchange[] = [
  {
    question: 'Why is the sky blue?',
    reply: 'The sky looks blue because air scatters blue sunlight more than red light. At sunset the light crosses more air, so reds and oranges win. On the Moon there is no air, so its sky stays black.',
  },
  {
    question: 'What is the tallest mountain on Earth?',
    reply: 'Mount Everest is the tallest mountain above sea level, at about eight thousand eight hundred metres. It sits on the border between Nepal and China. Measured from base to peak, Mauna Kea in Hawaii is taller.',
  },
  {
    question: 'How many hours of sleep do adults need?',
    reply: 'Most adults need between seven and nine hours a night. Teenagers need a little more, and older adults often get by with less. Going to bed at the same time every day helps more than sleeping in at weekends.',
  },
  {
    question: 'Why does bread dough rise?',
    reply: 'Bread rises because yeast eats the sugars in the dough and gives off carbon dioxide. Gluten traps that gas in tiny bubbles. Baking sets the bubbles in place, which gives bread its soft crumb.',
  },
  {
    question: 'Why do we have leap years?',
    reply: 'Leap years keep the calendar in step with the seasons. The Earth takes about a quarter of a day more than three hundred and sixty five days to orbit the Sun. Adding a day to February every four years makes up the difference.',
  },
  {
    question: 'At what temperature does water boil?',
    reply: 'Sure, water boils at one hundred degrees Celsius at sea level. Higher up the air pressure drops, so it boils at a lower temperature. That is why pasta takes longer to cook in the mountains.',
  },
  {
    question: 'Why do cats purr?',
    reply: 'Cats purr by twitching the muscles of their voice box as they breathe in and out. They purr when content, but also when hurt or anxious. Some researchers think the vibration even helps their bones heal.',
  },
  {
    question: 'How far away is the Moon?',
    reply: 'The Moon is about three hundred and eighty four thousand kilometres away. Light covers that distance in a little over a second. It drifts away from us by about four centimetres every year.',
  },
  {
    question: 'Does honey ever go bad?',
    reply: 'Honey almost never spoils because it holds very little water and is quite acidic. Bacteria and moulds cannot grow in it. Archaeologists have found honey in Egyptian tombs that was still safe to eat.',
  },
  {
    question: 'How often do houseplants need watering?',
    reply: 'Water most houseplants when the top few centimetres of soil feel dry. Too much water is a more common problem than too little. Pots with drainage holes make overwatering far less likely.',
  },
  {
    question: 'Who painted the Mona Lisa?',
    reply: 'Leonardo da Vinci painted the Mona Lisa in the early fifteen hundreds. It hangs in the Louvre in Paris behind bulletproof glass. The sitter is thought to be Lisa Gherardini, the wife of a Florentine merchant.',
  },
  {
    question: 'What causes thunder during a storm?',
    reply: 'Thunder is the sound of air heated by lightning expanding very fast. A bolt can heat the air to about thirty thousand degrees in an instant. Count the seconds after the flash and divide by three for the distance in kilometres.',
  },
  {
    question: 'How do vaccines protect people?',
    reply: 'Vaccines train the immune system with a harmless piece or copy of a germ. The body then makes antibodies and memory cells against it. If the real germ arrives later, the defence starts much faster.',
  },
  {
    question: 'Why do onions make people cry?',
    reply: 'Cutting an onion breaks its cells and releases a gas that irritates the eyes. Your tear glands respond by washing it away. Chilling the onion first or using a sharp knife makes it much milder.',
  },
  {
    question: 'What is the capital of Australia?',
    reply: 'The capital of Australia is Canberra. It was chosen as a compromise between Sydney and Melbourne. The city was planned from scratch and became the capital in nineteen thirteen.',
  },
  {
    question: 'How long do elephants live?',
    reply: 'Elephants in the wild usually live sixty to seventy years. African elephants tend to live a little longer than Asian ones. In zoos their lives are often shorter, mostly because of stress and lack of space.',
  },
  {
    question: 'Why do leaves change colour in autumn?',
    reply: 'In autumn trees stop making chlorophyll, the green pigment that captures sunlight. As it fades, yellow and orange pigments that were there all along show through. Some trees also make red pigments from the sugars left in the leaf.',
  },
  {
    question: 'How does a microwave oven heat food?',
    reply: 'A microwave oven heats food by making its water molecules spin back and forth very fast. That motion turns into heat inside the food. Metal reflects the waves, which is why it sparks and should stay out.',
  },
  {
    question: 'What is the largest desert in the world?',
    reply: 'Strictly speaking, the largest desert is Antarctica, because a desert is any place with very little rain or snow. The largest hot desert is the Sahara in northern Africa. It is roughly the size of the United States.',
  },
  {
    question: 'Can penguins fly?',
    reply: 'No, penguins cannot fly through the air. Their wings evolved into stiff flippers for swimming instead. Under water some species reach speeds of over thirty kilometres an hour.',
  },
  {
    question: 'How much coffee is too much in a day?',
    reply: 'For most healthy adults up to about four hundred milligrams of caffeine a day is considered safe. That is roughly four cups of brewed coffee. Pregnant people are usually advised to have half that or less.',
  },
  {
    question: 'Why is the ocean salty?',
    reply: 'Rain slowly dissolves minerals from rocks, and rivers carry them into the sea. When sea water evaporates the salt stays behind. Over millions of years it built up to about three and a half percent.',
  },
  {
    question: 'Who invented the telephone?',
    reply: 'Alexander Graham Bell received the first patent for a telephone in eighteen seventy six. Elisha Gray filed a similar design on the very same day. Antonio Meucci had also built a working voice device years earlier.',
  },
  {
    question: 'How do bees make honey?',
    reply: 'Bees collect nectar from flowers and carry it back to the hive in a special stomach. There they pass it from bee to bee and fan it with their wings to dry it out. Once it is thick enough they seal it in wax cells.',
  },
  {
    question: 'What does a black hole look like?',
    reply: 'A black hole itself is invisible, since not even light escapes it. What we can see is a glowing ring of hot gas swirling around it. The first picture of one was published in twenty nineteen.',
  },
  {
    question: 'What is a good way to stop hiccups?',
    reply: 'Hiccups usually stop on their own within a few minutes. Holding your breath or sipping cold water slowly can help reset the diaphragm. If they last more than two days, it is worth seeing a doctor.',
  },
  {
    question: 'Why do we have fingerprints?',
    reply: 'Fingerprints probably help us grip things and feel fine textures. The ridges make the skin vibrate as it slides over a surface, which sharpens touch. Their exact pattern forms in the womb and is unique to each person.',
  },
  {
    question: 'What language has the most native speakers?',
    reply: 'Mandarin Chinese has the most native speakers, close to a billion. Spanish comes second with roughly half that number. Counting second-language speakers too, English is the most spoken overall.',
  },
  {
    question: 'How fast does a cheetah run?',
    reply: 'A cheetah can sprint at about one hundred and ten kilometres an hour. It can only keep that up for twenty or thirty seconds. Its long tail works like a rudder when it turns sharply.',
  },
  {
    question: 'Why do stars twinkle at night?',
    reply: 'Stars twinkle because their light passes through moving layers of air on its way to us. Each layer bends the light a little differently. Planets shine more steadily, since they appear as tiny discs rather than points.',
  },
];

export const WARM_UP: Exchange = {
  question: 'How many legs does a spider have?',
  reply: 'A spider has eight legs. Insects have six, so spiders are not insects. They belong to the arachnids, along with scorpions and ticks.',
};

/** The exchange for measured turn i (the set repeats past its length; the runner clears the caches then). */
export function exchangeFor(turn: number): Exchange {
  return EXCHANGES[turn % EXCHANGES.length] as Exchange;
}

/** The reply for the last user message of a chat, or null for a question that is not in the set. */
/** The user's words in a turn's message: after the quoted memories, when the turn recalled any. */
export function questionIn(content: string): string {
  return content.startsWith(MEMORY_HEADER) ? content.slice(content.lastIndexOf('\n\n') + 2) : content;
}

export function replyFor(userMessage: string): string | null {
  const question = questionIn(userMessage);
  if (question === WARM_UP.question) return WARM_UP.reply;
  return EXCHANGES.find((e) => e.question === question)?.reply ?? null;
}
