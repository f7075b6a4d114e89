"""A season's report (`report.view.season_view`) as text, Markdown or HTML.

The season's own part (who holds each role in each episode, where the holders shift,
each leading character's share of every episode's words) comes first; the HTML page
then goes on with the whole season's full report (`report.html.render_html`).
"""

from __future__ import annotations

from html import escape

from whosestory.report import charts
from whosestory.report.html import render_html
from whosestory.report.markdown import escape_md, markdown_table
from whosestory.report.tables import Table, html_table, text_table
from whosestory.report.types import SeasonView
from whosestory.roles import MAIN_CHARACTER, label

CHART_CHARACTERS = 6
"""Characters drawn in the chart of shares (the table has them all)."""


def roles_table(view: SeasonView) -> Table:
    """Episodes x roles: who holds each role in each episode, and in the whole season."""
    roles = list(view["roles"])
    rows = [
        (f"E{e['index']}", e["title"], *(e["roles"].get(r) for r in roles))
        for e in view["episodes"]
    ]
    rows.append(("season", view["title"], *(view["roles"][r] for r in roles)))
    return Table(
        "roles", "Who holds each role", ("episode", "title", *map(label, roles)), tuple(rows)
    )


def shares_table(view: SeasonView) -> Table:
    """Characters x episodes: share of each episode's words (and words, scenes in the CSV)."""
    episodes = [f"E{e['index']}" for e in view["episodes"]]
    rows = tuple(
        (c["name"], *(f"{s:.0%}" for s in c["shares"]), sum(c["words"]), sum(c["scenes"]))
        for c in view["characters"]
    )
    headers = ("character", *episodes, "words", "scenes")
    return Table("shares", "Share of each episode's words", headers, rows)


def _sentences(view: SeasonView) -> list[str]:
    found = [f"Whose season: {view['roles'].get(MAIN_CHARACTER) or 'no one'}."]
    if view["divergence"]:
        found.append(view["divergence"])
    found += view["shifts"] or ["Every role stays with one character in every episode."]
    found += [f"E{e['index']}: {e['divergence']}" for e in view["episodes"] if e["divergence"]]
    return found


def render_season_text(view: SeasonView) -> str:
    """The season for the terminal."""
    lines = [f"{view['title']}: {len(view['episodes'])} episodes", ""]
    lines += [*_sentences(view), ""]
    for table in (roles_table(view), shares_table(view)):
        lines += [*text_table(table), ""]
    return "\n".join(lines)


def render_season_markdown(view: SeasonView) -> str:
    """The season as GitHub-flavoured Markdown."""
    title = escape_md(view["title"] or "Untitled")
    lines = [f"# {title}: whose season is it?", ""]
    lines += [line for s in _sentences(view) for line in (escape_md(s), "")]
    for table in (roles_table(view), shares_table(view)):
        lines += markdown_table(table)
    return "\n".join(lines)


def _shift_cells(view: SeasonView) -> str:
    """The roles table, each holder that is not the season's marked."""
    table = roles_table(view)
    season = table.rows[-1]
    body = []
    for row in table.rows:
        cells = [f'<td class="text">{escape(str(row[0]))}</td>']
        cells.append(f'<td class="text">{escape(str(row[1] or ""))}</td>')
        for i, value in enumerate(row[2:], 2):
            moved = row is not season and value != season[i]
            css = "text shift" if moved else "text"
            cells.append(f'<td class="{css}">{escape(str(value or "-"))}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th class="text">{escape(h)}</th>' for h in table.headers)
    return (
        f'<div class="scroll"><table class="names" data-table="roles"><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def season_section(view: SeasonView) -> str:
    """The season's part of the HTML page: the shift of roles and shares across episodes."""
    episodes = [f"E{e['index']}" for e in view["episodes"]]
    drawn = [(c["name"], c["shares"]) for c in view["characters"][:CHART_CHARACTERS]]
    sentences = "".join(f"<p>{escape(s)}</p>" for s in _sentences(view))
    return (
        f'<section class="season"><h2>Whose season is it? {len(episodes)} episodes</h2>'
        f"{sentences}<h3>Who holds each role, episode by episode</h3>"
        f'<p class="note">Marked: a holder who is not the season\'s.</p>{_shift_cells(view)}'
        "<h3>How each character's share moves</h3>"
        f"<figure>{charts.share_svg(episodes, drawn)}"
        "<figcaption>Share of each episode's spoken words.</figcaption></figure>"
        f"{html_table(shares_table(view), 'names')}"
        "<h2>The whole season as one story</h2></section>"
    )


def render_season_html(view: SeasonView) -> str:
    """One self-contained page: the season's part, then the whole season's report."""
    return render_html(view["season"], before=season_section(view))
