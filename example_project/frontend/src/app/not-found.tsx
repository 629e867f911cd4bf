// The 404 page: a path the API does not know (find/ answered 404), an unknown exercise or filter.
export default function NotFound() {
  return (
    <div className="container measure">
      <h1 className="page-title">Page not found</h1>
      <p>
        We could not find that page. It may have moved, or the address may be mistyped. <a href="/">Go to the home page</a>.
      </p>
    </div>
  );
}
