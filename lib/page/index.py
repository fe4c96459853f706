#!/usr/bin/env python3
"""Writes OUT/index.html: the course in order, each notebook's page, check result, run time and screenshot; no script, works offline.

Usage: index.py OUT NOTEBOOK.ipynb...   (OUT holds NAME.html, NAME.png, NAME.rc, NAME.seconds and summary/NAME.summary.json from ./lab run)
"""
import html
import json
import os
import sys
import time


def title(notebook):
    """The notebook's title: the first markdown heading, without the '#'."""
    with open(notebook, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip().replace("`", "")
    return ""


def read(path, default=""):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return default


def row(out, notebook):
    name = os.path.splitext(os.path.basename(notebook))[0]
    rc = read(os.path.join(out, name + ".rc"), "not run")
    summary_path = os.path.join(out, "summary", name + ".summary.json")
    summary = json.loads(read(summary_path, "null")) or {"passed": 0, "failed": 0, "facts": {}}
    total = summary["passed"] + summary["failed"]
    ok = rc == "0" and summary["failed"] == 0 and total > 0
    result = (f"✓ {summary['passed']} of {total} claims hold" if ok
              else "timed out" if rc == "124"
              else f"✗ failed: {summary['passed']} of {total} claims hold" if total
              else "✗ failed before its check cell" if rc != "not run" else "not run")
    page = name + ".html"
    shot = name + ".png"
    link = f'<a href="{html.escape(page)}">{html.escape(name)}</a>' if os.path.exists(os.path.join(out, page)) else html.escape(name)
    thumb = (f'<a href="{html.escape(shot)}"><img src="{html.escape(shot)}" alt="screenshot of {html.escape(name)}" loading="lazy"></a>'
             if os.path.exists(os.path.join(out, shot)) else "")
    facts = summary.get("facts", {})
    return f"""<tr class="{'ok' if ok else 'failed'}">
  <td>{link}<div class="question">{html.escape(title(notebook))}</div></td>
  <td class="result">{html.escape(result)}</td>
  <td>{html.escape(facts.get('RST seen', '–'))}</td>
  <td>{html.escape(facts.get('errno', '–'))}</td>
  <td>{html.escape(read(os.path.join(out, name + '.seconds'), '–'))} s</td>
  <td class="shot">{thumb}</td>
</tr>"""


def main():
    out, notebooks = sys.argv[1], sys.argv[2:]
    rows = "\n".join(row(out, nb) for nb in notebooks)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The RST lab: course run</title>
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #223; padding: 0 1em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #dde; padding: 8px; text-align: left; vertical-align: top; }}
th {{ background: #eef; }}
tr.ok .result {{ color: #070; font-weight: bold; }}
tr.failed .result {{ color: #b00; font-weight: bold; }}
tr.failed td {{ background: #fdd; }}
.question {{ color: #556; }}
.shot img {{ width: 220px; max-height: 300px; object-fit: cover; object-position: top; border: 1px solid #ccd; }}
td:nth-child(3), td:nth-child(4) {{ font-family: ui-monospace, monospace; font-size: 13px; }}
</style></head>
<body>
<h1>The RST lab</h1>
<p>Every notebook of the course, in order, as <code>./lab run</code> executed it on {html.escape(os.uname().nodename)}
({html.escape(os.uname().release)}) at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Each page opens offline;
the result is the notebook's own check cell.</p>
<table>
<tr><th>notebook</th><th>check result</th><th>RST seen</th><th>errno</th><th>run time</th><th>screenshot</th></tr>
{rows}
</table>
</body></html>
"""
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
