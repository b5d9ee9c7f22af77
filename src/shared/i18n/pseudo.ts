import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';

/**
 * Pseudo-localisation of an ICU message: letters accented, words stretched by about 30%,
 * the whole message wrapped in ⟦ ⟧. Placeholders, plural "#" and rich-text tags are left alone,
 * so the message still formats. A browser test reads the page in this locale: text outside ⟦ ⟧
 * that is not data (a version name, an issue summary) bypassed the catalogue.
 */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = {
  a: 'å', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Accents every letter and repeats one vowel in roughly every third letter, so words grow ~30%. */
export function pseudoText(text: string): string {
  let letters = 0;
  let out = '';
  // Rich-text tags (<0>, </0>) and HTML-ish markers stay as they are.
  for (const part of text.split(/(<\/?\d+\/?>)/)) {
    if (/^<\/?\d+\/?>$/.test(part)) {
      out += part;
      continue;
    }
    for (const char of part) {
      const accented = ACCENTED[char];
      if (!accented) {
        out += char;
        continue;
      }
      letters += 1;
      out += accented;
      if (letters % 3 === 0 && /[aeiouAEIOU]/.test(char)) out += accented;
      else if (letters % 3 === 0) out += '·';
    }
  }
  return out;
}

/** The pseudo form of one ICU message, compiled and wrapped so a test can tell where it starts and ends. */
export function compilePseudo(message: string): CompiledMessage {
  return [PSEUDO_OPEN, ...compileMessageOrThrow(message, pseudoText), PSEUDO_CLOSE];
}
