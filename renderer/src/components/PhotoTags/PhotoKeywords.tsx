// Runs in: the renderer. A photo's keywords, imported with it or the user's own, each with a
// remove button, and a field that adds keywords to it. Keywords are tags without a category:
// the keyword filter of a search and XMP export treat both kinds alike.
import { useState, type FormEvent } from 'react';
import { parseKeywords } from '../../lib/photo-tags';
import { addKeywords, removeKeyword } from '../../stores/keywords-store';

export function PhotoKeywords({ photoId, keywords }: { photoId: string; keywords: readonly string[] }) {
  const [draft, setDraft] = useState('');
  const adding = parseKeywords(draft);
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (adding.length === 0) return;
    void addKeywords([photoId], adding).then((added) => added && setDraft(''));
  };
  return (
    <>
      {keywords.length > 0 && (
        <ul className="tag-keywords" aria-label="Keywords">
          {keywords.map((k) => (
            <li key={k} className="keyword">
              {k}
              <button type="button" className="keyword-remove" aria-label={`Remove keyword ${k}`} title="Remove this keyword" onClick={() => void removeKeyword(photoId, k)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="keyword-add" onSubmit={add}>
        <input type="text" aria-label="Add keyword" placeholder="Add keyword…" title="Commas separate several keywords" maxLength={1000} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" disabled={adding.length === 0}>
          Add
        </button>
      </form>
    </>
  );
}
