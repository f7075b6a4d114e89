"""Write the example stories in the other text formats, from their Fountain.

    python tests/stories/make_keeper.py [OUT_DIR]

Writes ``the-keeper.fdx`` (Final Draft) and ``the-keeper.txt`` (a plain-text
screenplay typeset like a real one: indented cues and dialogue, scene numbers on
both sides of each heading, right-aligned transitions, page numbers) from
examples/the-keeper.fountain, and the same two of ``the-long-way-round.fountain``
(a story told from a place it reaches after its opening act), into OUT_DIR
(default: this folder). The PDF comes from make_pdfs.py. The Fountain is parsed by
make_pdfs.parse_fountain, a small parser of its own, so the fixtures do not depend
on the readers they test.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

from make_pdfs import KEEPER, Block, Speech, parse_fountain

HERE = Path(__file__).resolve().parent
LINES_PER_PAGE = 54


def _fdx_paragraph(kind: str, text: str, number: str | None = None) -> str:
    attrs = f' Number="{number}"' if number else ""
    return (
        f'    <Paragraph Type="{kind}"{attrs}>\n      <Text>{escape(text)}</Text>\n    </Paragraph>'
    )


def _fdx_speech(speech: Speech) -> list[str]:
    out = [_fdx_paragraph("Character", speech.cue)]
    for kind, text in speech.parts:
        out.append(_fdx_paragraph("Parenthetical" if kind == "paren" else "Dialogue", text))
    return out


def to_fdx(blocks: list[Block], title_page: list[tuple[str, str]], title: str) -> str:
    """A Final Draft document with the story's paragraphs, dual dialogue and title page."""
    body: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            body.append(_fdx_paragraph("Scene Heading", block.text, block.number))
        elif block.kind == "action":
            body.append(_fdx_paragraph("Action", block.text))
        elif block.kind == "transition":
            body.append(_fdx_paragraph("Transition", block.text))
        elif block.kind == "centered":
            body.append(_fdx_paragraph("Action", block.text))
        elif block.kind == "speech":
            body += _fdx_speech(block.speeches[0])
        elif block.kind == "dual":
            body.append("    <Paragraph>\n      <DualDialogue>")
            for speech in block.speeches:
                body += _fdx_speech(speech)
            body.append("      </DualDialogue>\n    </Paragraph>")
    front = [title, *(value for _, value in title_page)]
    title_xml = "\n".join(_fdx_paragraph("Action", line) for line in front if line)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        "  <Content>\n" + "\n".join(body) + "\n  </Content>\n"
        "  <TitlePage>\n    <Content>\n" + title_xml + "\n    </Content>\n  </TitlePage>\n"
        "</FinalDraft>\n"
    )


def to_text(blocks: list[Block], title_page: list[tuple[str, str]], title: str) -> str:
    """A typeset plain-text screenplay, with page numbers every LINES_PER_PAGE lines."""
    lines: list[str] = [""] * 3 + [" " * 30 + title.upper(), ""]
    lines += [" " * 30 + value for _, value in title_page[:2]] + ["", "", ""]
    for block in blocks:
        if block.kind == "heading":
            number = block.number or ""
            lines.append(f"{number:<10}{block.text:<60}{number:>4}".rstrip())
        elif block.kind == "transition":
            lines.append(" " * (70 - len(block.text)) + block.text)
        elif block.kind in ("action", "centered"):
            lines += [" " * 10 + row for row in textwrap.wrap(block.text, 60)]
        else:
            for speech in block.speeches:  # plain text cannot set speeches side by side
                lines.append(" " * 37 + speech.cue)
                for kind, text in speech.parts:
                    indent = 30 if kind == "paren" else 25
                    lines += [" " * indent + row for row in textwrap.wrap(text, 35)]
                lines.append("")
            lines.pop()
        lines.append("")
    pages: list[str] = []
    for start in range(0, len(lines), LINES_PER_PAGE):
        page = start // LINES_PER_PAGE + 1
        if page > 1:
            pages += [" " * 66 + f"{page}.", ""]
        pages += lines[start : start + LINES_PER_PAGE]
    return "\n".join(pages).rstrip() + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE
    for source in (KEEPER, HERE / "the-long-way-round.fountain"):
        story = parse_fountain(source.read_text(encoding="utf-8"))
        stem = source.stem
        (out / f"{stem}.fdx").write_text(
            to_fdx(story.blocks, story.title_page, story.title), encoding="utf-8"
        )
        (out / f"{stem}.txt").write_text(
            to_text(story.blocks, story.title_page, story.title), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
