/**
 * The smallest ZIP writer an .xlsx needs: every entry STOREd (method 0, no compression) with its
 * CRC-32, then the central directory (PKWARE APPNOTE 4.3). Pure TypeScript so shared/ stays free of
 * dependencies; a report's sheets are a few megabytes at most, so not compressing costs nothing that
 * matters. No ZIP64: an archive is refused past 4 GiB or 65,535 entries instead of written corrupt.
 */

export type ZipEntry = { name: string; data: Uint8Array };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as ZIP (and PNG, gzip) use it: reflected polynomial 0xEDB88320. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time of the entries; local time as the format has no zone. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

const utf8 = new TextEncoder();
const UTF8_NAMES = 0x0800; // general purpose flag bit 11: names are UTF-8

/** The archive's bytes. `modified` stamps every entry (default 1980-01-01, so output is reproducible). */
export function zipStore(entries: readonly ZipEntry[], modified: Date = new Date(1980, 0, 1)): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError('more than 65,535 ZIP entries needs ZIP64');
  const { date, time } = dosDateTime(modified);
  const files = entries.map((e) => ({ name: utf8.encode(e.name), data: e.data, crc: crc32(e.data) }));
  const localSize = files.reduce((n, f) => n + 30 + f.name.length + f.data.length, 0);
  const centralSize = files.reduce((n, f) => n + 46 + f.name.length, 0);
  if (localSize + centralSize + 22 > 0xffffffff) throw new RangeError('a ZIP over 4 GiB needs ZIP64');

  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => (view.setUint16(at, v, true), (at += 2));
  const u32 = (v: number) => (view.setUint32(at, v, true), (at += 4));
  const bytes = (b: Uint8Array) => (out.set(b, at), (at += b.length));

  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    u32(0x04034b50); // local file header
    u16(20); // version needed: 2.0
    u16(UTF8_NAMES);
    u16(0); // method: STORE
    u16(time);
    u16(date);
    u32(f.crc);
    u32(f.data.length); // compressed size = size, stored
    u32(f.data.length);
    u16(f.name.length);
    u16(0); // no extra field
    bytes(f.name);
    bytes(f.data);
  }
  const centralStart = at;
  files.forEach((f, i) => {
    u32(0x02014b50); // central directory header
    u16(20); // made by: 2.0, MS-DOS attributes
    u16(20);
    u16(UTF8_NAMES);
    u16(0);
    u16(time);
    u16(date);
    u32(f.crc);
    u32(f.data.length);
    u32(f.data.length);
    u16(f.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]!);
    bytes(f.name);
  });
  const centralLength = at - centralStart;
  u32(0x06054b50); // end of central directory
  u16(0); // this disk
  u16(0); // disk where the central directory starts
  u16(files.length);
  u16(files.length);
  u32(centralLength);
  u32(centralStart);
  u16(0); // no comment
  return out;
}
