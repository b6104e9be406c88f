"""Names of people, places, organisations and other entities. They are not compared in slots:
audit.entities clusters their spellings across the batch and audit.judge reports variants."""

from __future__ import annotations

from audit.extract import names
from audit.extract.base import Extractor
from audit.kinds.base import Kind

EXTRACTOR = Extractor("names", ("person", "place", "org", "name"), names.extract)

KINDS = (
    Kind(name="person", extractor=EXTRACTOR, priority=None, families=(), example="coach Ana Ruiz"),
    Kind(name="place", extractor=EXTRACTOR, priority=None, families=(), example="in Springfield"),
    Kind(name="org", extractor=EXTRACTOR, priority=None, families=(), example="the Springfield Fire Department"),
    Kind(name="name", extractor=EXTRACTOR, priority=None, families=(), example="the Golden Gate"),
)
