"""Upright: an open-source back-health exercise coach."""

__version__ = "0.1.0"
__all__ = ["__version__"]
