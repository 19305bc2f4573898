import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Noto Sans SC (Noto Sans Hans, SIL Open Font License 1.1) from the @embedpdf/fonts-sc package:
 * an open CJK font shipped with the code, so no system font is assumed. pdfkit embeds only the glyphs
 * a document uses (a subset), so a letter stays small. Parsing the 8 MB files takes a few hundred
 * milliseconds: it is done once per process and the parsed fonts are shared by every document.
 */
export const FONT_FAMILY = 'Noto Sans SC';

export type Fonts = { regular: ReturnType<typeof fontkit.create>; bold: ReturnType<typeof fontkit.create> };

let loaded: Fonts | undefined;

export function pdfFonts(): Fonts {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // The package exports only its script; the font files sit beside it in fonts/.
    const fontsDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    const dir = (name: string) => path.join(fontsDir, name);
    loaded = {
      regular: fontkit.create(readFileSync(dir('NotoSansHans-Regular.otf'))),
      bold: fontkit.create(readFileSync(dir('NotoSansHans-Bold.otf'))),
    };
  }
  return loaded;
}
