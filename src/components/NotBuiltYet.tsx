/** Said plainly on a page whose engine has not landed yet: no placeholder content pretends otherwise. */
export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <section className="not-built">
      <h1>{title}</h1>
      <p>
        <strong>Not built yet.</strong> {what} is coming; until then this page has nothing to show.
      </p>
    </section>
  );
}
