"""Device-file importers: GPX, TCX, FIT and Apple Health exports -> domain Activities.

``DeviceFileReader`` / ``read_stream`` pick the importer from the file's content; ``REGISTRY`` maps
the stable keys ("gpx", "fit", "tcx", "apple_health") to importers.
"""

from upright.adapters.importers.base import ParsedFile, Progress
from upright.adapters.importers.registry import REGISTRY, DeviceFileReader, read_stream, sniff

__all__ = ["REGISTRY", "DeviceFileReader", "ParsedFile", "Progress", "read_stream", "sniff"]
