// Runs in: the main process. Opt-in export of tags as XMP sidecars that Lightroom, digiKam
// and darktable read: dc:subject (flat keywords) and lr:hierarchicalSubject ("Parent|Child").
// The photo file is never touched. Sidecars sit next to the photo as `<photo file>.xmp`
// (digiKam's and darktable's naming, unambiguous when IMG_1.jpg and IMG_1.CR2 share a
// folder). A sidecar another program wrote is left alone: it may hold edits or ratings.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../library/durable-file';

export const XMP_CREATOR_TOOL = 'Clipfolio';

export interface SidecarEntry {
  photoPath: string;
  /** Flat keywords: category names and the photo's keywords. */
  subjects: readonly string[];
  /** "Parent|Child" paths of hierarchical categories. */
  hierarchical: readonly string[];
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

export function renderXmp(entry: Pick<SidecarEntry, 'subjects' | 'hierarchical'>): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"',
    `   xmp:CreatorTool="${XMP_CREATOR_TOOL}">`,
    bag('dc:subject', entry.subjects),
    bag('lr:hierarchicalSubject', entry.hierarchical),
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
