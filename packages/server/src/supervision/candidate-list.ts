const uuidLength = 36;

/**
 * The scan's candidates, held compactly: their ids as one text of 36 characters each and their versions as 32-bit
 * integers. A wave of emergency orders (the bench's intake of 100,000 calls about one employer a minute) left
 * ~290,000 candidates for one pass, which ran in the middle of intake: as row objects they held 29 MB of the heap
 * (42 MB while read), and the whole pass took a process from 173 to 238 MB resident. Read as one row of two texts
 * they hold 10 MB, and the same pass peaks at 219 MB (docs/decisions/0012, "The supervision scan under a wave").
 */
export class CandidateList {
  readonly length: number;
  private readonly versions: Int32Array;

  constructor(
    private readonly ids: string,
    versionText: string,
  ) {
    this.length = ids.length / uuidLength;
    this.versions = new Int32Array(this.length);
    // Parsed by hand: a split would make one string per candidate.
    let n = 0;
    let v = 0;
    for (let i = 0; i < versionText.length; i++) {
      const c = versionText.charCodeAt(i);
      if (c === 44) {
        this.versions[n++] = v;
        v = 0;
      } else v = v * 10 + (c - 48);
    }
    if (versionText.length) this.versions[n] = v;
  }

  /** Candidates [from, to) as objects: a chunk's worth at a time. */
  slice(from: number, to: number = this.length): { id: string; version: number }[] {
    const out: { id: string; version: number }[] = [];
    for (let i = from; i < Math.min(to, this.length); i++) out.push({ id: this.ids.slice(i * uuidLength, (i + 1) * uuidLength), version: this.versions[i]! });
    return out;
  }
}
