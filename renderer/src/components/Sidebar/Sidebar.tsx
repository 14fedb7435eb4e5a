// Runs in: the renderer. The sidebar: Library, Recent imports, Near-duplicates, Albums,
// Categories (a tree, children under their parent, with counts and colours) and Folders. Albums and categories are drop targets: photos dragged
// from the grid are added to the album or tagged with the category; files dropped from the
// OS are imported first (see FileDrop). Albums are renamed and reordered in AlbumList.
import { useMemo } from 'react';
import { useStore } from '../../hooks/use-store';
import { categoryTree, type CategoryNode } from '../../lib/category-tree';
import { fileName } from '../../lib/format';
import { recentCount } from '../../lib/photo-groups';
import { categoriesStore, decideTag } from '../../stores/categories-store';
import { libraryStore } from '../../stores/library-store';
import { openDialog } from '../../stores/view-store';
import { AlbumList } from './AlbumList';
import { SidebarItem } from './SidebarItem';
import './Sidebar.css';

export function Sidebar() {
  const library = useStore(libraryStore);
  const categories = useStore(categoriesStore);
  const roots = library.state?.state === 'open' ? library.state.roots : [];
  const indexed = useMemo(() => library.photos.filter((p) => p.status === 'indexed'), [library.photos]);
  const recent = useMemo(() => recentCount(indexed), [indexed]);
  const tree = useMemo(() => categoryTree(categories), [categories]);

  return (
    <nav className="sidebar" aria-label="Library">
      <ul>
        <SidebarItem view={{ kind: 'library' }} label="Library" count={indexed.length} />
        <SidebarItem view={{ kind: 'recent' }} label="Recent imports" count={recent} />
        <SidebarItem view={{ kind: 'duplicates' }} label="Near-duplicates" />
      </ul>

      <h2 id="albums-heading">Albums</h2>
      <AlbumList />

      <h2 id="categories-heading">Categories</h2>
      <ul aria-labelledby="categories-heading">
        {tree.map((node) => (
          <CategoryItem key={node.category.id} node={node} />
        ))}
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'category', categoryId: null })}>
            + New category
          </button>
        </li>
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'starters' })}>
            Starter categories…
          </button>
        </li>
      </ul>

      <h2 id="folders-heading">Folders</h2>
      <ul aria-labelledby="folders-heading">
        {roots.map((root) => (
          <SidebarItem key={root.id} view={{ kind: 'folder', rootId: root.id }} label={fileName(root.path) || root.path} />
        ))}
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'settings' })}>
            Manage folders…
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** A category's entry, with its children nested below it. */
function CategoryItem({ node: { category, children } }: { node: CategoryNode }) {
  return (
    <SidebarItem
      view={{ kind: 'category', categoryId: category.id }}
      label={category.name}
      colour={category.colour}
      count={category.calibration?.tagged ?? null}
      onDropPhotos={(ids) => decideTag(ids, category, 'accepted')}
      onDropFiles
      actions={
        <button type="button" className="sidebar-action" aria-label={`Edit category ${category.name}`} title="Edit category" onClick={() => openDialog({ kind: 'category', categoryId: category.id })}>
          ✎
        </button>
      }
      nested={children.length > 0 && children.map((child) => <CategoryItem key={child.category.id} node={child} />)}
    />
  );
}
