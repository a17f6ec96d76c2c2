"""``eventwire schema`` and ``eventwire ontology``: the output contract and event types, printed."""

from __future__ import annotations

import json

import click

from eventwire.model import ExtractionResult
from eventwire.ontology import SUBTYPES


def output_schema() -> dict:
    """JSON Schema of one output object of ``eventwire extract``."""
    schema = ExtractionResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "eventwire extraction result"
    return schema


def ontology_table() -> str:
    """The ontology and its ACLED / MUC-4 mappings as a Markdown table."""
    rows = ["| type | subtype | description | ACLED event type | ACLED sub-event type | MUC-4 incident |",
            "|---|---|---|---|---|---|"]
    for s in SUBTYPES:
        rows.append(f"| {s.type} | {s.subtype} | {s.description} | {s.acled_event_type} | {s.acled_sub_event_type} | {s.muc4_incident_type or '—'} |")
    return "\n".join(rows) + "\n"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the objects `eventwire extract` writes (docs/output.schema.json)."""
    click.echo(json.dumps(output_schema(), indent=2, sort_keys=True))


@click.command()
def ontology() -> None:
    """Print the event ontology with its ACLED and MUC-4 mappings as a Markdown table."""
    click.echo(ontology_table(), nl=False)
