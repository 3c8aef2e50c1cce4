import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson';

const encoder = new TextEncoder();
/** UTF-8 bytes of the text being hashed, kept between calls (up to KEEP_BYTES). */
let bytes = new Uint8Array(0);
/** The most this module keeps: the text of a large job's result, three bytes a character at most. */
const KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Hex SHA-256 of a string (UTF-8). Synchronous, so it can run inside a SQLite transaction.
 *
 * The text is encoded into a buffer kept from the last call rather than a new array (or two, as
 * `utf8ToBytes` makes to copy across realms): a finished job hashes its result and its artifact,
 * tens of kilobytes each, and in Chromium the first job of a page load spent about twice as long as
 * the second in the encoding alone, on memory the second found mapped. In Node, a 110,000-character
 * text hashes in half the time.
 */
export function sha256Hex(text: string): string {
  // Three bytes at most for each UTF-16 unit (a surrogate pair is two units for four bytes).
  const most = text.length * 3;
  // A text too long to keep a buffer for gets an array of its own bytes' length, not three times it.
  if (most > KEEP_BYTES) return bytesToHex(sha256(encoder.encode(text)));
  if (most > bytes.length) bytes = new Uint8Array(most);
  const { written } = encoder.encodeInto(text, bytes);
  return bytesToHex(sha256(bytes.subarray(0, written)));
}

/** Hex SHA-256 of a value's canonical JSON. */
export function hashValue(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
