// What a scripted speech-to-text "hears" in the benchmark's utterance: the question being asked, split
// in two when VAD sends the first phrase early (a clip shorter than the whole utterance).
/** What the scripted Whisper "hears": the question, split in two when VAD sends the first phrase early. */
export class ScriptedSpeaker {
  private question = '';
  private calls = 0;

  constructor(private readonly wholeSamples: number) {}

  expect(question: string): void {
    this.question = question;
    this.calls = 0;
  }

  heard(audio: Float32Array): string {
    if (audio.length >= 0.9 * this.wholeSamples) return this.question;
    const words = this.question.split(' ');
    const half = Math.ceil(words.length / 2);
    return (this.calls++ === 0 ? words.slice(0, half) : words.slice(half)).join(' ');
  }
}
