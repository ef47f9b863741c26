/**
 * Generated names for the sample people the seed creates. No names of
 * Professional Associates are public, so the seed invents them: every name is
 * derived from a stable hash of a key (never from Math.random), so the same
 * key always gives the same person on every machine and every run.
 *
 * The lists are deliberately neutral: short given names used in many
 * languages and invented family names that belong to no real family.
 */

const GIVEN_NAMES = [
  'Alex', 'Amal', 'Ana', 'Ari', 'Asha', 'Camil', 'Dana', 'Dario',
  'Elia', 'Emre', 'Ilan', 'Ines', 'Ira', 'Jana', 'Jun', 'Kai',
  'Karin', 'Lea', 'Leno', 'Lina', 'Malik', 'Mika', 'Nadia', 'Nico',
  'Noor', 'Omar', 'Rafa', 'Rina', 'Sami', 'Tara', 'Yara', 'Zeno',
] as const;

const FAMILY_NAMES = [
  'Abrenko', 'Aldova', 'Belmari', 'Benoran', 'Calvero', 'Corvani', 'Davesh', 'Dorelli',
  'Elmaro', 'Estavin', 'Fenwar', 'Garamo', 'Halvint', 'Ibarel', 'Jorvani', 'Kelmaro',
  'Lindavo', 'Marvelo', 'Nalbren', 'Norvasi', 'Olmera', 'Pellaro', 'Quelvaro', 'Ramolin',
  'Sarvanti', 'Solvenar', 'Tavrelo', 'Ulmaren', 'Varenko', 'Velmora', 'Westaro', 'Zarvelin',
] as const;

/** 32-bit FNV-1a hash of the UTF-8 bytes of `key`, as an unsigned integer. */
export function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * FNV-1a followed by the MurmurHash3 32-bit finalizer. FNV-1a alone mixes
 * the last characters of a key poorly into its high bits, so keys that
 * differ only at the end (e.g. "2023-2024:GT" and "2023-2024:TM") would
 * share bits; the finalizer spreads every input bit over the whole hash.
 */
export function stableHash(key: string): number {
  let h = fnv1a(key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic, clearly fictitious full name ("Given Family") for `key`. */
export function sampleName(key: string): string {
  const hash = stableHash(key);
  const given = GIVEN_NAMES[hash % GIVEN_NAMES.length];
  // Take the family name from other bits of the hash so both parts vary independently.
  const family = FAMILY_NAMES[(hash >>> 16) % FAMILY_NAMES.length];
  return `${given} ${family}`;
}
