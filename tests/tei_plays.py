"""Small TEI plays the tests write themselves: a cast and a body, in any language."""

from __future__ import annotations

from pathlib import Path


def tei_play(
    folder: Path,
    name: str,
    language: str,
    cast: dict[str, str],
    body: str,
    title: str = "Play",
    front: str = "",
) -> Path:
    """A TEI play file in `folder`: `cast` maps xml:id -> name; `body` is the <body>'s XML,
    `front` the <front>'s (a castList)."""
    people = "\n".join(
        f'<person xml:id="{ident}"><persName>{shown}</persName></person>'
        for ident, shown in cast.items()
    )
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{language}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">{title}</title></titleStmt>
      <publicationStmt><p>Written for the whosestory tests.</p></publicationStmt>
      <sourceDesc><p>Original.</p></sourceDesc>
    </fileDesc>
    <profileDesc><particDesc><listPerson>
{people}
    </listPerson></particDesc></profileDesc>
  </teiHeader>
  <text>{f"<front>{front}</front>" if front else ""}<body>
{body}
  </body></text>
</TEI>
"""
    path = folder / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    return path
