"""reader: a terminal reader for long-form journalism split into scenes."""

__version__ = "0.2.0"
