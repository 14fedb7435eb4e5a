// Runs in: the main process. Opt-in export of tags and marks as XMP sidecars that Lightroom,
// digiKam and darktable read: dc:subject (flat keywords) and lr:hierarchicalSubject
// ("Parent|Child"), xmp:Rating, the favourite keyword and tiff:Orientation (xmp-marks.ts).
// The photo file is never touched. Sidecars sit next to the photo as `<photo file>.xmp`
// (digiKam's and darktable's naming, unambiguous when IMG_1.jpg and IMG_1.CR2 share a
// folder). A sidecar another program wrote is left alone: it may hold edits or ratings.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../library/durable-file';
import { FAVOURITE_KEYWORD } from './xmp-marks';

export const XMP_CREATOR_TOOL = 'Clipfolio';

export interface SidecarEntry {
  photoPath: string;
  /** Flat keywords: category names and the photo's keywords (the favourite mark is added from `favourite`). */
  subjects: readonly string[];
  /** "Parent|Child" paths of hierarchical categories. */
  hierarchical: readonly string[];
  /** Stars; 0 is written too, so a rating taken away in Clipfolio is taken away elsewhere. */
  rating?: number;
  favourite?: boolean;
  /** The EXIF orientation showing the photo as the user turned it; left out when the user did not. */
  orientation?: number | null;
}

export interface SidecarExport {
  written: string[];
  /** Sidecars that exist and were not written by Clipfolio. */
  skipped: string[];
}

export function sidecarPath(photoPath: string): string {
  return `${photoPath}.xmp`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function bag(element: string, values: readonly string[]): string {
  const items = [...new Set(values)].map((v) => `     <rdf:li>${escapeXml(v)}</rdf:li>`).join('\n');
  return `   <${element}>\n    <rdf:Bag>\n${items}\n    </rdf:Bag>\n   </${element}>`;
}

export function renderXmp(entry: Omit<SidecarEntry, 'photoPath'>): string {
  const subjects = entry.favourite ? [...entry.subjects, FAVOURITE_KEYWORD] : entry.subjects;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"',
    '    xmlns:tiff="http://ns.adobe.com/tiff/1.0/"',
    `   xmp:CreatorTool="${XMP_CREATOR_TOOL}"${entry.rating === undefined ? '' : ` xmp:Rating="${entry.rating}"`}${
      entry.orientation == null ? '' : ` tiff:Orientation="${entry.orientation}"`
    }>`,
    // An empty bag is left out: a photo with stars and no tags has no keywords to list.
    ...(subjects.length > 0 ? [bag('dc:subject', subjects)] : []),
    ...(entry.hierarchical.length > 0 ? [bag('lr:hierarchicalSubject', entry.hierarchical)] : []),
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
    '',
  ].join('\n');
}

/** Writes (atomically) one sidecar per entry, except over sidecars from other programs. */
export async function exportSidecars(entries: readonly SidecarEntry[]): Promise<SidecarExport> {
  const result: SidecarExport = { written: [], skipped: [] };
  for (const entry of entries) {
    const target = sidecarPath(entry.photoPath);
    const existing = await readFile(target, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (existing !== null && !existing.includes(`xmp:CreatorTool="${XMP_CREATOR_TOOL}"`)) {
      result.skipped.push(target);
      continue;
    }
    await writeFileAtomic(target, renderXmp(entry));
    result.written.push(target);
  }
  return result;
}
