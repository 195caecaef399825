/**
 * A minimal fixed-order binary codec for the QR: the field order is the format (see addendum-qr.ts),
 * so no field names travel, which keeps the symbol small enough to read from a thermal slip.
 */
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export class ByteWriter {
  private readonly parts: number[] = [];

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`u8 out of range: ${v}`);
    this.parts.push(v);
    return this;
  }

  u16(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`u16 out of range: ${v}`);
    this.parts.push(v >>> 8, v & 0xff);
    return this;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    this.parts.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    return this;
  }

  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }

  /** UTF-8 with a one-byte length: every text field of the QR is short. */
  text(s: string): this {
    const b = utf8.encode(s);
    if (b.length > 0xff) throw new RangeError(`text too long for the QR: ${b.length} bytes`);
    return this.u8(b.length).bytes(b);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Thrown only inside the decoder and caught by it: the verifier turns it into 'malformed'. */
export class Truncated extends Error {}

export class ByteReader {
  offset = 0;
  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  u8(): number {
    if (this.remaining < 1) throw new Truncated();
    return this.buf[this.offset++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }

  bytes(n: number): Uint8Array {
    if (this.remaining < n) throw new Truncated();
    const out = this.buf.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A copy of bytes already read, e.g. the part a signature covers. */
  bytesBetween(start: number, end: number): Uint8Array {
    return this.buf.slice(start, end);
  }

  text(): string {
    const b = this.bytes(this.u8());
    try {
      return utf8Strict.decode(b);
    } catch {
      throw new Truncated();
    }
  }
}
