"""Meta-tests that keep the documentation honest (datasette style)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eventwire.cli.docs_commands import ontology_table, output_schema
from eventwire.cli.main import main
from eventwire.config import ExtractOptions

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = DOCS.parent / "README.md"


def test_schema_file_matches_the_models():
    on_disk = json.loads((DOCS / "output.schema.json").read_text(encoding="utf-8"))
    assert on_disk == output_schema(), "run: eventwire schema > docs/output.schema.json"


def test_ontology_doc_matches_the_code():
    doc = (DOCS / "ontology.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- ontology-table:start -->\n(.*)<!-- ontology-table:end -->", doc, re.S).group(1)
    assert table == ontology_table(), "run: eventwire ontology and paste it into docs/ontology.md"


def test_every_extract_option_is_documented():
    doc = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name in ExtractOptions.model_fields:
        assert f"`{name}`" in doc, name


def test_every_output_field_is_documented():
    doc = (DOCS / "output.md").read_text(encoding="utf-8")
    schema = output_schema()
    for model in ("Article", "EventReport", "Place", "Quote"):
        for field in schema["$defs"][model]["properties"]:
            assert f"`{field}`" in doc, f"{model}.{field} is not in docs/output.md"


def test_every_command_appears_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in main.commands:
        assert f"eventwire {name}" in readme, name
