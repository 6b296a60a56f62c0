"""`python -m reader` runs the reader."""

from .cli import run

run()
