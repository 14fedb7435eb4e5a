// Runs in: the sandboxed renderer. The application shell.
export function App() {
  return (
    <main>
      <h1>Clipfolio</h1>
      <p>Your photos, organised by what is in them.</p>
    </main>
  );
}
