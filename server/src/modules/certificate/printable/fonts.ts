import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

/** The committed fonts (server/assets/fonts, see its README): the same from src/ under ts-jest and from dist/. */
const FONT_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'assets', 'fonts');

export type Weight = 'regular' | 'bold';

/**
 * One face: its name in the PDF document and fontkit's reading of it,
 * parsed once per process and handed to every document (pdfkit takes a
 * fontkit font as it is; each document makes its own subset of it).
 */
export interface Face {
  name: string;
  font: fontkit.Font;
  covers(codePoint: number): boolean;
}

/** The scripts in the order a character is looked up: Latin, Cyrillic and Greek first, then Georgian, then Arabic. */
const FAMILIES = ['NotoSerif', 'NotoSerifGeorgian', 'NotoNaskhArabic'] as const;

function face(family: string, weight: Weight): Face {
  const file = `${family}-${weight === 'bold' ? 'Bold' : 'Regular'}.ttf`;
  const font = fontkit.create(fs.readFileSync(path.join(FONT_DIR, file))) as fontkit.Font;
  return { name: `${family}-${weight}`, font, covers: (cp) => font.hasGlyphForCodePoint(cp) };
}

let loaded: Record<Weight, Face[]> | undefined;

/** The faces of each weight, read once. */
export function faces(): Record<Weight, Face[]> {
  loaded ??= {
    regular: FAMILIES.map((f) => face(f, 'regular')),
    bold: FAMILIES.map((f) => face(f, 'bold')),
  };
  return loaded;
}

/** Characters that take the face of their neighbours (spaces, punctuation, marks), so a run is not split by them. */
const NEUTRAL = /[\s\p{P}\p{Zs}\p{M}]/u;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;

/** A stretch of text drawn with one face; `rtl` when it is Arabic (fontkit shapes it and lays it right to left). */
export interface Run {
  text: string;
  face: Face;
  rtl: boolean;
}

/**
 * Splits text into runs of one face each: every character goes to the first
 * face that has it. A character no face has stays in the run it is in (the
 * PDF shows a blank box for it) and is reported through `missing`.
 */
export function runsOf(text: string, weight: Weight, missing: (character: string) => void): Run[] {
  const chain = faces()[weight];
  const runs: Run[] = [];
  for (const character of text) {
    const cp = character.codePointAt(0)!;
    const current = runs.at(-1);
    let chosen: Face;
    if (current && NEUTRAL.test(character) && current.face.covers(cp)) {
      chosen = current.face;
    } else {
      const found = chain.find((f) => f.covers(cp));
      if (!found) missing(character);
      chosen = found ?? current?.face ?? chain[0];
    }
    if (current && current.face === chosen) current.text += character;
    else runs.push({ text: character, face: chosen, rtl: false });
  }
  for (const run of runs) run.rtl = ARABIC.test(run.text);
  return runs;
}
