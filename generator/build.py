"""build(): ingest -> segment -> extract -> classify -> merge -> curate -> render -> write.

Reads top to bottom like the pipeline it runs: gather everything in memory, then write once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.classify import classify
from generator.classify.geography import gazetteer_from_config
from generator.classify.places import Gazetteer
from generator.config import SiteConfig
from generator.curate import curate
from generator.extract import extract
from generator.ingest import ingest
from generator.merge import merge
from generator.model import Article, AuditEntry, Page
from generator.render import render
from generator.segment import segment
from generator.write import WriteReport, write


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a run decided, before anything is written."""

    dumps: int
    lines: int
    articles: list[Article]
    merged: int
    audit: list[AuditEntry]
    pages: list[Page]


def gazetteer_for(config: SiteConfig) -> Gazetteer:
    return gazetteer_from_config(config)


def plan(dumps_path: Path, config: SiteConfig) -> Plan:
    """Run every stage but write: what `check` reports and `generate` writes."""
    dumps = ingest(dumps_path)
    gazetteer = gazetteer_for(config)
    articles: list[Article] = []
    audit: list[AuditEntry] = []
    for dump in dumps:
        segmentation = segment(dump)
        audit.extend(segmentation.audit)
        articles.extend(classify(extract(span), config, gazetteer) for span in segmentation.spans)
    merged_articles, merged = merge(articles)
    curated = curate(merged_articles, config.curation)
    pages = render(config, gazetteer, curated)
    return Plan(
        dumps=len(dumps),
        lines=sum(len(d.lines) for d in dumps),
        articles=curated,
        merged=merged,
        audit=audit,
        pages=pages,
    )


def generate(dumps_path: Path, out: Path, config: SiteConfig) -> tuple[Plan, WriteReport]:
    """Plan the site, then write the content tree."""
    result = plan(dumps_path, config)
    return result, write(result.pages, out)
