import { useState } from "react";

/** The catalogue's search box; `onSearch` gets the trimmed text when it is submitted. */
export function ProductSearch({ onSearch }: { onSearch: (search: string) => void }) {
  const [text, setText] = useState("");
  return (
    <form
      className="d-flex gap-2 mb-3"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label htmlFor="products-search" className="visually-hidden">
        Search products
      </label>
      <input
        id="products-search"
        type="search"
        className="form-control"
        placeholder="Search products"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-outline-primary">
        Search
      </button>
    </form>
  );
}
