"""Exports executed notebooks as the course's pages, one per path read from standard input, NAME.html beside each.

`jupyter nbconvert --to html --template page` does the same, but a run exports its pages one or two at a time as notebooks
finish, and nbconvert's start-up (about a second of CPU) is most of a page's cost: this pays it once per run. It prints
`ok PATH` or `failed PATH: why` for each path, in order.
"""
import os
import sys

from nbconvert import HTMLExporter
from traitlets.config import Config

config = Config()
config.TemplateExporter.extra_template_basedirs = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
exporter = HTMLExporter(config=config, template_name="page")
for line in sys.stdin:
    path = line.rstrip("\n")
    name = os.path.splitext(os.path.basename(path))[0]
    try:
        # The resources nbconvert's command line gives a notebook (init_single_notebook_resources), so the page is the same.
        body, _ = exporter.from_filename(path, resources={"unique_key": name, "output_files_dir": f"{name}_files"})
        with open(os.path.splitext(path)[0] + ".html", "w", encoding="utf-8") as page:
            page.write(body)
        print("ok", path, flush=True)
    except Exception as e:  # one page that cannot be made must not end the others
        print(f"failed {path}: {type(e).__name__}: {e}".replace("\n", " "), flush=True)
