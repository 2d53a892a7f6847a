// The files recent replies quoted: the only paths the desktop app agrees to open for the page, so
// a page (or anything speaking for it) cannot have main launch an arbitrary file.
import type { TurnEvent } from '../../../shared/turn';

export class QuotedPaths {
  readonly #paths = new Set<string>();
  readonly #limit: number;

  readonly #earlier: (path: string) => boolean;

  /** `earlier`: whether a reply before this run quoted the path (its chip survived a restart). */
  constructor(limit = 500, earlier: (path: string) => boolean = () => false) {
    this.#limit = limit;
    this.#earlier = earlier;
  }

  /** Follow with assistant.onEvent: records the sources of every finished turn. */
  readonly record = (event: TurnEvent): void => {
    if (event.type !== 'done') return;
    for (const source of event.result.sources ?? []) {
      this.#paths.delete(source.path);
      this.#paths.add(source.path);
    }
    // A Set keeps insertion order: the oldest quoted paths go first.
    for (const oldest of this.#paths) {
      if (this.#paths.size <= this.#limit) break;
      this.#paths.delete(oldest);
    }
  };

  has(path: string): boolean {
    return this.#paths.has(path) || this.#earlier(path);
  }
}
