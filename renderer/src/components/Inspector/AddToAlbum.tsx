// Runs in: the renderer. "Add to album" for the selection or the viewer's photo: a list
// of the manual albums (smart albums fill themselves) and a new album made on the spot.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../hooks/use-store';
import { addToAlbum, albumsStore, createAlbum } from '../../stores/albums-store';

const NEW = '__new__';

export function AddToAlbum({ photoIds }: { photoIds: string[] }) {
  const albums = useStore(albumsStore).filter((a) => a.kind === 'manual');
  const [naming, setNaming] = useState<string | null>(null);
  const choose = async (choice: string) => {
    if (choice === NEW) {
      setNaming('');
      return;
    }
    const album = albums.find((a) => a.id === choice);
    if (album) await addToAlbum(album, photoIds);
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    if (naming?.trim()) void createAlbum(naming.trim(), photoIds);
    setNaming(null);
  };
  if (naming !== null) {
    return (
      <form className="add-to-album" onSubmit={create}>
        <input type="text" aria-label="New album name" placeholder="Album name" value={naming} autoFocus onChange={(e) => setNaming(e.target.value)} />
        <button type="submit" className="primary">
          Create
        </button>
      </form>
    );
  }
  return (
    <select aria-label="Add to album" value="" onChange={(e) => void choose(e.target.value)}>
      <option value="" disabled>
        Add to album…
      </option>
      {albums.map((album) => (
        <option key={album.id} value={album.id}>
          {album.name}
        </option>
      ))}
      <option value={NEW}>New album…</option>
    </select>
  );
}
