// Runs in: the renderer (pure, no React). A camera as people name it, from the EXIF make and
// model, which makers fill in their own ways: "NIKON CORPORATION" + "NIKON D70" is the
// Nikon D70, "OLYMPUS IMAGING CORP." + "E-M5" the Olympus E-M5, "Canon" + "Canon EOS R5"
// the Canon EOS R5. The maker is its first word, in its usual capitals; the model without
// the maker it repeats.
import type { PhotoInfo } from '../../../main/shared/api-contract';

/** Makers whose short names are written in capitals (or oddly) by the makers themselves. */
const SPELLED: Record<string, string> = { lg: 'LG', htc: 'HTC', dji: 'DJI', gopro: 'GoPro', hmd: 'HMD', zte: 'ZTE', oneplus: 'OnePlus' };

/** "Nikon" from "NIKON CORPORATION", "Kodak" from "EASTMAN KODAK COMPANY". */
export function makerName(make: string): string {
  const words = make
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(corp(oration)?|co|ltd|inc|company|imaging|optical|electric|camera|digital|eastman|techwin|mobile|tech)$/i.test(w));
  const first = words[0] ?? make.trim();
  const lower = first.toLowerCase();
  if (SPELLED[lower]) return SPELLED[lower];
  // All capitals is a maker shouting; mixed case (iPhone's "Apple", "FujiFilm") is kept.
  return first === first.toUpperCase() ? first.charAt(0) + first.slice(1).toLowerCase() : first;
}

export function cameraName(photo: Pick<PhotoInfo, 'camera'>): string | null {
  const make = photo.camera?.make?.trim() ?? '';
  const model = photo.camera?.model?.trim() ?? '';
  if (!make && !model) return null;
  if (!make) return model;
  const maker = makerName(make);
  // The model often repeats the maker ("NIKON D70", "Canon EOS R5", "KODAK EASYSHARE"); said once.
  const rest = model.replace(new RegExp(`^(${escapeRegExp(maker)}|${escapeRegExp(make)})\\b\\s*`, 'i'), '').trim();
  return rest ? `${maker} ${rest}` : maker;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
