"""Reports: `view` turns an Analysis into plain data; renderers turn that data into text.

- `types`: the report view's shape (TypedDicts), from which `schema` generates
  docs/schema.json;
- `view`: `report_view(analysis)`, and the cast, scenes and eval views;
- `view`: also `stats_view` (``whosestory stats``) and `season_view` (several files as
  the episodes of one season);
- `renderers`: `RENDERERS[command][format]`, one `Renderer` interface for `text`,
  `json`, `md` (`markdown`) and `html` (`html`, `charts`, `html_tables`), `gexf` and
  `graphml` (`export`), `csv` (`statistics`), with `prose` for the words they share,
  `tables` for the statistics' tables in every format, `season_report` for a season
  and `argument` for `argue` and `compare`.

Renderers never touch the Story or the Analysis: they only see the view.
"""
