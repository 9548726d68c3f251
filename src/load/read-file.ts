// Reading an input file safely: only regular files, under a size cap, decoded to text with every fault named (SPEC §1).
import { isUtf8 as nativeIsUtf8 } from "node:buffer";
import * as fs from "node:fs";

/** Larger than any manifest, config or baseline; V8 cannot hold a string much larger anyway. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export type ReadOutcome = { ok: true; buf: Buffer } | { ok: false; message: string };

/** What a non-regular file is, in words. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * The bytes of a regular file. A FIFO, a device or a socket (`/dev/zero` or a pipe behind a link)
 * is refused before it is opened: reading one hangs or never ends. The size is checked before reading,
 * and again on the open descriptor, so that a file swapped between the two checks is still refused.
 */
export function readRegularFile(abs: string): ReadOutcome {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    return { ok: false, message: errnoMessage(e) };
  }
  const refused = refuse(st);
  if (refused) return { ok: false, message: refused };
  let fd: number;
  try {
    // O_NONBLOCK: should a FIFO replace the file after the check, opening it does not wait for a writer.
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, message: errnoMessage(e) };
  }
  try {
    const fst = fs.fstatSync(fd);
    const again = refuse(fst);
    if (again) return { ok: false, message: again };
    return { ok: true, buf: readOpen(fd, fst.size) };
  } catch (e) {
    return { ok: false, message: errnoMessage(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The bytes of an open regular file of `size` bytes (as `fs.readFileSync(fd)` reads them, without its second fstat):
 * up to `size`, fewer if it shrank meanwhile. A size of 0 may be a file that does not know its size (procfs): read to the end.
 */
function readOpen(fd: number, size: number): Buffer {
  if (size === 0) return fs.readFileSync(fd);
  const buf = Buffer.allocUnsafe(size);
  let pos = 0;
  while (pos < size) {
    const got = fs.readSync(fd, buf, pos, size - pos, pos);
    if (got === 0) break;
    pos += got;
  }
  return pos === size ? buf : buf.subarray(0, pos);
}

function refuse(st: fs.Stats): string | undefined {
  if (!st.isFile()) return `${kindOf(st)}, not a regular file; catch22 reads only regular files and did not open it`;
  if (st.size > MAX_FILE_BYTES) {
    return `too large (${(st.size / 1024 / 1024).toFixed(0)} MiB); catch22 reads files of up to ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
  }
  return undefined;
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return `cannot read it: permission denied (${code})`;
  if (code === "EISDIR") return "a directory, not a file";
  return `cannot read it (${code ?? (e as Error).message})`;
}

export interface TextFault {
  line: number;
  column: number;
  message: string;
}

/**
 * On a fault, `text` is the decoded text when there is one (a NUL in decodable text), for the marker search.
 * For UTF-8, `bytes` are the bytes the text was decoded from (past a byte-order mark): where the text is ASCII, at its offsets.
 */
export type DecodeOutcome = { ok: true; text: string; bytes?: Buffer } | { ok: false; fault: TextFault; text?: string };

/**
 * Bytes → text. UTF-8 (with or without a byte-order mark), and UTF-16 or UTF-32 with one, are decoded;
 * invalid UTF-8 and a NUL byte anywhere are faults at their line and column (never replaced in silence).
 */
export function decodeText(buf: Buffer): DecodeOutcome {
  let text: string;
  let bytes: Buffer | undefined;
  const b0 = buf[0];
  const b1 = buf[1];
  const utf32 =
    b0 === 0xff && b1 === 0xfe && buf[2] === 0 && buf[3] === 0
      ? true
      : b0 === 0 && b1 === 0 && buf[2] === 0xfe && buf[3] === 0xff
        ? false
        : undefined;
  if (utf32 !== undefined) {
    const decoded = decodeUtf32(buf.subarray(4), utf32);
    // FF FE 00 00 also starts UTF-16LE text whose first character is U+0000: the NUL check below names it.
    const asUtf16 = decoded === undefined && utf32 ? utf16(buf.subarray(2), "utf-16le") : undefined;
    if (decoded === undefined && asUtf16 === undefined) {
      return { ok: false, fault: { line: 1, column: 1, message: "invalid UTF-32 text (the file starts with a UTF-32 byte-order mark)" } };
    }
    text = (decoded ?? asUtf16) as string;
  } else if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    try {
      text = new TextDecoder(b0 === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(buf.subarray(2));
    } catch {
      return { ok: false, fault: { line: 1, column: 1, message: "invalid UTF-16 text (the file starts with a UTF-16 byte-order mark)" } };
    }
  } else {
    const body = b0 === 0xef && b1 === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      const before = body.subarray(0, at).toString("utf8");
      return {
        ok: false,
        fault: {
          ...pointAt(before, before.length),
          message: `invalid UTF-8 (byte 0x${(body[at] ?? 0).toString(16).padStart(2, "0")}); catch22 reads UTF-8 text, or UTF-16/UTF-32 with a byte-order mark`,
        },
      };
    }
    text = body.toString("utf8");
    bytes = body;
  }
  // A mark the decoding kept (a second one, or one in UTF-16/32) is dropped from the text: the bytes, read at the text's offsets, would then be 3 bytes ahead
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bytes = undefined;
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) return { ok: false, fault: { ...pointAt(text, nul), message: "a NUL byte: a binary file, not YAML text" }, text };
  return { ok: true, text, bytes };
}

/** 1-based line and column (in UTF-16 code units, as every other position) of offset `i`. */
export function pointAt(text: string, i: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let j = text.indexOf("\n"); j >= 0 && j < i; j = text.indexOf("\n", j + 1)) {
    line++;
    start = j + 1;
  }
  return { line, column: i - start + 1 };
}

/** Node's native check (node:buffer `isUtf8`, the same rules as firstInvalidUtf8: no overlongs, surrogates or code points past U+10FFFF). */
function isUtf8(buf: Buffer): boolean {
  return nativeIsUtf8(buf);
}

/** Offset of the first byte that does not begin or continue a valid UTF-8 sequence; the length when there is none. */
function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = buf[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return n;
}

function utf16(buf: Uint8Array, encoding: "utf-16le" | "utf-16be"): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function decodeUtf32(buf: Uint8Array, little: boolean): string | undefined {
  if (buf.byteLength % 4 !== 0) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= buf.byteLength; i += 4) {
    const cp = view.getUint32(i, little);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    chunk.push(cp);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join("");
}
