"""The bundled knowledge the services need: the catalog and the safety rule book."""

from __future__ import annotations

from dataclasses import dataclass

from upright.domain.catalog.model import Catalog
from upright.domain.safety.rules import RuleBook


@dataclass(frozen=True)
class Library:
    catalog: Catalog
    rules: RuleBook
    #: names the bundled data's contents (progression snapshots are only reused with the same)
    version: str = ""
