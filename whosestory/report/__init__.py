"""Reports: `view` turns an Analysis into plain data; renderers turn that data into text.

- `types`: the report view's shape (TypedDicts), from which `schema` generates
  docs/schema.json;
- `view`: `report_view(analysis)`, and the cast, scenes and eval views;
- `renderers`: `RENDERERS[command][format]`, one `Renderer` interface for `text`,
  `json`, `md` (`markdown`) and `html` (`html`, `charts`), with `prose` for the
  words they share and `argument` for `argue` and `compare`.

Renderers never touch the Story or the Analysis: they only see the view.
"""
