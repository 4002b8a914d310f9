/**
 * Returns one string for equal strings seen recently, so that values many
 * cached objects carry (a manager's name, the second a field was set, an
 * apiVersion) are held once instead of once per object: strings parsed from
 * JSON are new strings each. Generational, so that its memory stays bounded
 * (strings cannot be held weakly): when the current generation is full it
 * becomes the previous one, whose strings are taken over when seen again
 * and otherwise dropped. A dropped string lives on in the objects that use
 * it; the pool merely stops handing it out.
 */
export class StringPool {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();

  constructor(private readonly generationSize = 20_000) {}

  intern(value: string): string {
    const held = this.current.get(value);
    if (held !== undefined) return held;
    const shared = this.previous.get(value) ?? value;
    this.current.set(shared, shared);
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    return shared;
  }

  /** Strings currently handed out (both generations). */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}
