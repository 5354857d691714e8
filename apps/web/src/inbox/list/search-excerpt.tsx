import { Fragment } from "react";
import { hitRanges } from "./search-hits";

/** A search hit's excerpt with the query's words marked. */
export function SearchExcerpt({ text, q }: { text: string; q: string }) {
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const [start, end] of hitRanges(text, q)) {
    parts.push(<Fragment key={`t${start}`}>{text.slice(from, start)}</Fragment>);
    parts.push(
      <mark key={`m${start}`} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900">
        {text.slice(start, end)}
      </mark>,
    );
    from = end;
  }
  parts.push(<Fragment key="rest">{text.slice(from)}</Fragment>);
  return <span data-testid="search-excerpt">{parts}</span>;
}
